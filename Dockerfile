# syntax=docker/dockerfile:1
# newsdigest: bot and worker, run as compiled JavaScript. The build stage compiles with tsc (`npm run build`);
# the image gets dist/ (without the dev tools) and production dependencies only, so no tsx and no compiler.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY bin ./bin
COPY src ./src
COPY jobs ./jobs
RUN npm run build

FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    HTTP_PORT=8081 \
    FEEDS_FILE=/app/feeds.yaml \
    DATA_DIR=/data
WORKDIR /app
# The /stats chart is drawn with system fonts; DejaVu covers Cyrillic.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
COPY --from=deps /app/node_modules ./node_modules
COPY package.json feeds.yaml ./
COPY --from=build /app/dist/bin ./dist/bin
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/dist/jobs ./dist/jobs
RUN mkdir -p /data && chown node:node /data
# The official image's unprivileged user.
USER node
# 8081: /healthz and /metrics (loopback unless HTTP_HOST is set); 8080: the webhook (WEBHOOK_PORT).
EXPOSE 8080 8081
# /healthz: Redis answers, a worker beat within 60 s, a feed was read within 30 min.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||8081)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM reaches node directly (exec form), which shuts down within 10 s.
# The V8 flags are npm start's (SCALING.md has the figures): a 2 MB young generation instead of V8's 2 x 16 MB, which
# an idle process keeps, and an old generation that grows 1.5x past the live data before the next full GC instead of
# up to 4x, which set the peak under ingestion. (NODE_OPTIONS does not accept --heap-growing-percent.)
ENTRYPOINT ["node", "--max-semi-space-size=2", "--heap-growing-percent=50", "dist/bin/newsdigest.js"]
CMD ["start"]
