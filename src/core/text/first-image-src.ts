import { Parser } from 'htmlparser2';

/** The `src` of the first `<img>` in an HTML fragment (entities decoded), read by a linear tokenizer. */
export function firstImageSrc(html: string): string | undefined {
  if (!html.includes('<')) return undefined;
  let found: string | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (found === undefined && name === 'img' && attributes.src?.trim()) {
          found = attributes.src.trim();
          parser.pause();
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return found;
}
