none = —

## Onboarding
start-welcome = 👋 Hello! I collect news from leading Ukrainian outlets and send short digests on the topics you choose.
start-choose-lang = Choose the language of the news and the interface:
start-choose-topics = Tick the topics you are interested in (tap again to remove):
start-choose-schedule = When should digests arrive?
start-done = ✅ Done! Digests will arrive {$schedule}. News any time: /latest, search: /search, all commands: /help.
start-again = You are already subscribed. Here are your settings:

settings-summary =
    <b>Settings</b>
    Language: {$lang}
    Topics: {$topics}
    Schedule: {$schedule}
    Time zone: {$timezone}
    Following: {$follow}
    Muted: {$mute}
    Status: {$status}

status-active = active
status-paused = paused (/resume to continue)
status-inactive = off: the bot cannot post here

help =
    <b>What I can do</b>
    /start — set up your subscription
    /settings — current settings
    /lang uk|ru — language of the news and the interface
    /otherlang on|off — include news published only in the other language (marked)
    /topics — choose topics
    /subscribe, /unsubscribe &lt;topic&gt; — add or remove a topic
    /latest [topic] [count] — latest news
    /politics, /war, /economy… — latest news on a topic
    /search &lt;words&gt; — search recent news
    /follow, /unfollow &lt;word&gt; — always include news with this word
    /mute, /unmute &lt;word&gt; — hide news with this word
    /schedule 08:00,20:00 | instant | off — digest schedule
    /timezone Europe/Kyiv — time zone
    /digest — a digest right now
    /breaking on|off — breaking news
    /quiet 23:00-08:00 | off — quiet hours
    /stop, /resume — pause or resume deliveries
    /channel — connect your channel (in a private chat with the bot)
    /forget — delete everything the bot keeps about the chat
help-short = I don't know that command. Try /latest, /topics or /settings; the full list is in /help.

## Language
lang-name-uk = Українська
lang-name-ru = Русский
lang-set = Language changed: {$lang}.
lang-usage = Give a language: <code>/lang uk</code> or <code>/lang ru</code>.
otherlang-on = Digests now include news published only in the other language; such items are marked.
otherlang-off = Digests will contain news in your language only.
otherlang-usage = Say <code>/otherlang on</code> or <code>/otherlang off</code>.

## Topics
topics-title = Your topics. Tap to add or remove:
topics-usage = Give one or more topics, for example: <code>/subscribe war economy</code>. Available topics:
topic-unknown = I don't know the topic “{$input}”. Available topics:
subscribe-done = Added: {$changed}. Your topics now: {$topics}.
unsubscribe-done = Removed: {$changed}. Your topics now: {$topics}.

## Stories
latest-heading = Latest: {$topic}
latest-heading-all = Latest news
latest-empty = No news yet. Check back a little later.
topic-quiet-hours =
    { $hours ->
        [one] Nothing new on “{$topic}” for {$hours} hour.
       *[other] Nothing new on “{$topic}” for {$hours} hours.
    }
topic-quiet-days =
    { $days ->
        [one] Nothing new on “{$topic}” for {$days} day.
       *[other] Nothing new on “{$topic}” for {$days} days.
    }
topic-quiet-none = No news on “{$topic}” yet.
topic-nearest = These topics have news: {$topics}
sources-count =
    { $count ->
        [one] {$count} source
       *[other] {$count} sources
    }
search-usage = Write what to look for, for example: <code>/search energy</code>.
search-empty = Nothing in recent news matches “{$query}”.
search-heading = Search: {$query}

## Keywords
follow-usage = Write a word to follow: <code>/follow Ukrenergo</code>. Now: {$current}.
unfollow-usage = Write a word to stop following: <code>/unfollow Ukrenergo</code>. Now: {$current}.
mute-usage = Write a word to hide: <code>/mute football</code>. Now: {$current}.
unmute-usage = Write a word to show again: <code>/unmute football</code>. Now: {$current}.
follow-done = Following “{$keyword}”: such news will be in your digest whatever the topic.
unfollow-done = No longer following “{$keyword}”.
mute-done = News with “{$keyword}” will no longer appear in digests.
unmute-done = “{$keyword}” is no longer hidden.
keyword-too-short = Too short: at least 2 characters, please.
keyword-too-long = Too long: at most {$max} characters.
keyword-too-many = The list already has {$max} words. Remove one to add another.
keyword-not-found = “{$keyword}” is not in the list.

## Schedule
schedule-current = Now: {$schedule}.
schedule-bad = Give times as HH:MM separated by commas, for example <code>/schedule 08:00,20:00</code>, or <code>/schedule instant</code>, or <code>/schedule off</code>.
schedule-too-many = Too many times: at most {$max} a day.
schedule-set = Schedule updated: {$schedule} (time zone {$timezone}).
schedule-desc-times = daily at {$times}
schedule-desc-instant = as soon as news appears
schedule-desc-off = only on request (/digest)
timezone-bad = Unknown time zone. Example: <code>/timezone Europe/Kyiv</code>. Now: {$current}.
timezone-set = Time zone: {$timezone}.

## Digest and pause
digest-queued = Preparing your digest, one moment.
digest-admin-only = In groups only administrators can ask for a digest now; it arrives on schedule for everyone. Everyone can read news (/latest, /search).
forget-ask = Delete everything the bot keeps about this chat: settings, topics, words, schedule, delivery history? This cannot be undone.
forget-yes = 🗑 Yes, delete
forget-no = Cancel
forget-done = Done: everything about this chat is deleted. To start again, send /start.
forget-cancelled = Nothing was deleted.
breaking-usage = Breaking news: one short message when several outlets report the same event at once (a few a day at most, never in quiet hours). Now: {$current}. <code>/breaking on</code> or <code>/breaking off</code>.
breaking-on = ⚡ Breaking news is on.
breaking-off = Breaking news is off.
quiet-usage = Quiet hours (no breaking or instant messages): <code>/quiet 23:00-08:00</code> or <code>/quiet off</code>. Now: {$current}.
quiet-set = Quiet hours: {$from}–{$to} ({$timezone}).
quiet-off = Quiet hours are off.
stop-done = Deliveries paused; your settings are kept. To continue: /resume.
resume-done = Deliveries resumed.

## Groups and buttons
admin-only = Only administrators can change the settings of this chat. Everyone can read news (/latest, /search).
button-admin-only = These buttons are for chat administrators only.
button-stale = This button no longer works. Send /settings for the current menu.
too-long = That is too long: at most {$max} characters.
error-generic = Sorry, something went wrong. Please try again a little later.

btn-breaking-on = ⚡ Breaking: on
btn-breaking-off = ⚡ Breaking: off
btn-next = Next →
btn-done = Done
btn-lang = 🌐 Language
btn-topics = 🗂 Topics
btn-schedule = ⏰ Schedule
btn-sched-once = Once a day (09:00)
btn-sched-twice = Twice a day (09:00 and 19:00)
btn-sched-thrice = Three times a day (08:00, 13:00, 20:00)
btn-sched-instant = As soon as news appears
btn-sched-off = Only on request

## Channels
channel-usage =
    How to connect a channel:
    <code>/channel add @channel_name</code> — connect (you must be an admin, and the bot must be allowed to post)
    <code>/channel list</code> — your channels
    <code>/channel @name lang uk</code> — language
    <code>/channel @name topics war economy</code> — topics
    <code>/channel @name schedule 09:00,19:00</code> — schedule
    <code>/channel @name pause</code> or <code>resume</code> — pause
    <code>/channel remove @name</code> — disconnect
channel-private-only = Channels are managed in a private chat with me.
channel-not-channel = That is not a channel. For a group, add me to it and send /start there.
channel-not-found = Could not find the channel. Check the name and add @{$bot} as a channel administrator.
channel-not-admin = Only administrators of the channel can connect it or change its settings.
channel-bot-cannot-post = I cannot post in this channel. Make @{$bot} an administrator allowed to post messages.
channel-added = Channel {$channel} connected.
channel-updated = Settings of {$channel} updated.
channel-list-empty = You have not connected any channel yet. Example: <code>/channel add @channel_name</code>.
channel-list-heading = <b>Your channels</b>
channel-unknown = {$channel} is not connected. See the list: /channel list.
channel-removed = Channel {$channel} disconnected.
channel-lost = ⚠️ I was removed from {$channel} or lost the right to post there, so deliveries are paused. Give the rights back and I will continue.
channel-restored = ✅ Access to {$channel} is back; deliveries continue.

## Command menu
cmd-start = Set up your subscription
cmd-forget = Delete my data
cmd-breaking = Breaking news
cmd-quiet = Quiet hours
cmd-help = All commands
cmd-settings = Current settings
cmd-latest = Latest news
cmd-topics = Choose topics
cmd-search = Search news
cmd-digest = Digest now
cmd-schedule = Digest schedule
cmd-lang = Language
cmd-follow = Follow a word
cmd-mute = Hide a word
cmd-stop = Pause deliveries
cmd-resume = Resume deliveries
cmd-channel = Connect a channel

## Operators
op-breaking-usage = Usage: <code>/breaking_threshold &lt;outlets 2–50&gt; [minutes 5–1440] [per day 1–50]</code>, e.g. <code>/breaking_threshold 4 60 3</code>.
op-breaking-current = Breaking news: {$outlets} distinct outlets within {$minutes} min, at most {$perday} a day per chat.
op-breaking-set = Saved. Breaking news: {$outlets} distinct outlets within {$minutes} min, at most {$perday} a day per chat.
op-stats-heading = Stats
chart-stories-hour = Stories per hour, by language
chart-stories-day = Stories per day, by language
chart-deliveries-hour = Deliveries and failures per hour
chart-deliveries-day = Deliveries and failures per day
chart-sent = sent
chart-failed = failed
chart-failing-feeds = Feeds with the most failures in a row
chart-no-failing-feeds = every feed works
op-stats-chats = Chats
op-stats-none = none
op-stats-active = active {$active}, deactivated {$deactivated}, paused {$paused}
op-stats-stories = Stories in the last 24 h
op-stats-feeds = Feeds: {$total}
op-stats-queues = Queues
op-stats-deliveries = Deliveries in the last 24 h
op-stats-sent = sent
op-stats-failed = failed
op-private-only = Operator commands work only in a private chat with the bot.
op-only = This command is for operators only.
op-only-button = Operators only.
op-import-only = Importing feeds is for operators only.
op-feeds-empty = No feeds yet. Add one with /addfeed &lt;url&gt;.
op-feeds-heading = <b>Feeds</b> ({$total}) {$counts} — page {$page}/{$pages}
op-feeds-every = every {$interval}
op-feeds-last-ok = last ok {$ago}
op-feeds-failures = {$failures} failures
op-feeds-items = {$items} items/day
op-feeds-truncated = last poll kept the newest of {$items} items
op-feed-status-ok = ok
op-feed-status-failing = failing
op-feed-status-dead = dead
op-feed-status-paused = paused
op-ago-never = never
op-ago-now = just now
op-ago-minutes = {$minutes}m ago
op-ago-hours = {$hours}h ago
op-ago-days = {$days}d ago
op-addfeed-usage = Usage: /addfeed &lt;url&gt; [uk|ru|auto] [interval, e.g. 5m]
op-addfeed-unknown-arg = Unknown argument "{$arg}": use uk, ru, auto or an interval like 10m.
op-addfeed-added = ✅ Added <b>{$name}</b> <code>{$id}</code>
op-addfeed-checked = items: {$items}, language: {$lang} (feed set to {$feedlang}), encoding: {$encoding}
op-addfeed-polled = polled every {$interval}, first poll now
op-addfeed-duplicate = Already listed: <b>{$name}</b> <code>{$id}</code>
op-addfeed-invalid = Not added: {$reason}.
op-addfeed-unreachable = ❌ Not added: {$reason}
op-addfeed-unreadable = the feed could not be read
op-addfeed-private = The bot refuses private addresses unless ALLOW_PRIVATE_FEEDS=true is set (only for feeds you trust).
op-feed-unknown = No feed <code>{$ref}</code>; see /feeds.
op-feed-missing = Give a feed id; see /feeds.
op-rmfeed-done = 🗑 Removed <b>{$name}</b> <code>{$id}</code>. The feeds file will not bring it back.
op-pausefeed-done = ⏸ Paused <b>{$name}</b> <code>{$id}</code>. /resumefeed {$id} to poll it again.
op-resumefeed-done = ▶️ Resumed <b>{$name}</b> <code>{$id}</code>; it is polled at the next sweep.
op-interval-usage = Usage: /interval &lt;id&gt; &lt;1m…24h, e.g. 5m&gt;
op-interval-done = ⏱ <b>{$name}</b> is now polled every {$interval}.
op-keywords-usage = Usage: /topic_keywords &lt;topic&gt; &lt;uk|ru&gt; &lt;stem, stem, ...&gt; (or "reset" to go back to the defaults)
op-keywords-unknown-topic = Unknown topic; known: {$known}.
op-keywords-bad-lang = The language is uk or ru.
op-keywords-reset = Keywords of <b>{$topic}</b> ({$lang}) reset; workers pick it up within 30 s.
op-keywords-bad-stems = Give 1–{$max} stems of 2–60 characters, separated by commas.
op-keywords-bad-stem = Bad: "{$stem}".
op-keywords-saved = Saved {$count} stems for <b>{$topic}</b> ({$lang}); workers pick them up within 30 s.
op-export-caption = {$count} feeds
op-broadcast-unavailable = Broadcasts are not available in this process.
op-broadcast-usage = /broadcast <text>  |  /broadcast uk: <текст> | ru: <текст>
op-broadcast-queued = Broadcast {$id} queued ({$langs}).
op-opml-refused = ❌ Not imported: {$reason}
op-opml-summary = <b>OPML import</b>: {$added} added, {$duplicates} already listed, {$failed} failed, {$invalid} invalid
alert-feed-failing = ⚠️ <b>Feed failing</b> <code>{$id}</code>
alert-feed-dead = 💀 <b>Feed dead</b> <code>{$id}</code>
alert-feed-recovered = ✅ <b>Feed recovered</b> <code>{$id}</code>
alert-feed-silent = 🔇 <b>Feed silent</b> <code>{$id}</code>
alert-given-up = 📭 <b>Given up</b> <code>{$id}</code>
alert-chats = chats: {$chats}
