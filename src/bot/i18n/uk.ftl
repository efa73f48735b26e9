none = —

## Onboarding
start-welcome = 👋 Вітаю! Я збираю новини провідних українських видань і надсилаю короткі добірки за обраними темами.
start-choose-lang = Оберіть мову новин та інтерфейсу:
start-choose-topics = Позначте теми, які вас цікавлять (натисніть ще раз, щоб прибрати):
start-choose-schedule = Коли надсилати добірки?
start-done = ✅ Готово! Добірки надходитимуть {$schedule}. Новини без розкладу: /latest, пошук: /search, усі команди: /help.
start-again = Ви вже підписані. Ось ваші налаштування:

settings-summary =
    <b>Налаштування</b>
    Мова: {$lang}
    Теми: {$topics}
    Розклад: {$schedule}
    Часовий пояс: {$timezone}
    Стежу за словами: {$follow}
    Приховую слова: {$mute}
    Стан: {$status}

status-active = активна
status-paused = на паузі (/resume, щоб відновити)
status-inactive = вимкнена: бот не може сюди писати

help =
    <b>Що я вмію</b>
    /start — налаштувати підписку
    /settings — поточні налаштування
    /lang uk|ru — мова новин та інтерфейсу
    /otherlang on|off — додавати новини, що вийшли лише іншою мовою (з позначкою)
    /topics — обрати теми
    /subscribe, /unsubscribe &lt;тема&gt; — додати або прибрати тему
    /latest [тема] [кількість] — останні новини
    /politics, /war, /economy… — останні новини за темою
    /search &lt;слова&gt; — пошук серед свіжих новин
    /follow, /unfollow &lt;слово&gt; — завжди показувати новини з цим словом
    /mute, /unmute &lt;слово&gt; — приховувати новини з цим словом
    /schedule 08:00,20:00 | instant | off — розклад добірок
    /timezone Europe/Kyiv — часовий пояс
    /digest — добірка просто зараз
    /breaking on|off — термінові новини
    /quiet 23:00-08:00 | off — тихі години
    /stop, /resume — призупинити або відновити розсилку
    /channel — підключити свій канал (у приватному чаті з ботом)
    /forget — видалити все, що бот зберігає про чат
help-short = Не знаю такої команди. Спробуйте /latest, /topics або /settings, а повний список — у /help.

## Language
lang-name-uk = Українська
lang-name-ru = Русский
lang-set = Мову змінено: {$lang}.
lang-usage = Вкажіть мову: <code>/lang uk</code> або <code>/lang ru</code>.
otherlang-on = Тепер у добірках будуть і новини, що вийшли лише іншою мовою; вони позначені.
otherlang-off = Добірки міститимуть лише новини вашою мовою.
otherlang-usage = Вкажіть <code>/otherlang on</code> або <code>/otherlang off</code>.

## Topics
topics-title = Теми вашої підписки. Натисніть, щоб додати або прибрати:
topics-usage = Вкажіть одну чи кілька тем, наприклад: <code>/subscribe war economy</code>. Доступні теми:
topic-unknown = Не знаю теми «{$input}». Доступні теми:
subscribe-done = Додано: {$changed}. Тепер ваші теми: {$topics}.
unsubscribe-done = Прибрано: {$changed}. Тепер ваші теми: {$topics}.

## Stories
latest-heading = Останнє: {$topic}
latest-heading-all = Останні новини
latest-empty = Поки що новин немає. Загляньте трохи згодом.
topic-quiet-hours =
    { $hours ->
        [one] Тема «{$topic}» мовчить уже {$hours} годину.
        [few] Тема «{$topic}» мовчить уже {$hours} години.
       *[other] Тема «{$topic}» мовчить уже {$hours} годин.
    }
topic-quiet-days =
    { $days ->
        [one] Тема «{$topic}» мовчить уже {$days} день.
        [few] Тема «{$topic}» мовчить уже {$days} дні.
       *[other] Тема «{$topic}» мовчить уже {$days} днів.
    }
topic-quiet-none = На тему «{$topic}» поки немає жодної новини.
topic-nearest = Є новини тут: {$topics}
sources-count =
    { $count ->
        [one] {$count} джерело
        [few] {$count} джерела
       *[other] {$count} джерел
    }
search-usage = Напишіть, що шукати, наприклад: <code>/search україн енергетика</code>.
search-empty = За запитом «{$query}» серед свіжих новин нічого не знайшлося.
search-heading = Пошук: {$query}

## Keywords
follow-usage = Напишіть слово, за яким стежити: <code>/follow Укренерго</code>. Зараз: {$current}.
unfollow-usage = Напишіть слово, яке прибрати: <code>/unfollow Укренерго</code>. Зараз: {$current}.
mute-usage = Напишіть слово, яке приховувати: <code>/mute футбол</code>. Зараз: {$current}.
unmute-usage = Напишіть слово, яке знову показувати: <code>/unmute футбол</code>. Зараз: {$current}.
follow-done = Стежу за словом «{$keyword}»: такі новини потраплятимуть у добірку за будь-якої теми.
unfollow-done = Більше не стежу за словом «{$keyword}».
mute-done = Новини зі словом «{$keyword}» більше не з’являтимуться в добірках.
unmute-done = Слово «{$keyword}» більше не приховується.
keyword-too-short = Слово закоротке: потрібно щонайменше 2 символи.
keyword-too-long = Задовге слово: не більше {$max} символів.
keyword-too-many = У списку вже {$max} слів. Приберіть якесь, щоб додати нове.
keyword-not-found = Слова «{$keyword}» немає у списку.

## Schedule
schedule-current = Зараз: {$schedule}.
schedule-bad = Вкажіть час у форматі ГГ:ХХ через кому, наприклад <code>/schedule 08:00,20:00</code>, або <code>/schedule instant</code> (одразу), або <code>/schedule off</code> (вимкнути).
schedule-too-many = Забагато значень: не більше {$max} на день.
schedule-set = Розклад оновлено: {$schedule} (часовий пояс {$timezone}).
schedule-desc-times = щодня о {$times}
schedule-desc-instant = одразу, щойно з’являються новини
schedule-desc-off = лише на запит (/digest)
timezone-bad = Не знаю такого часового поясу. Приклад: <code>/timezone Europe/Kyiv</code>. Зараз: {$current}.
timezone-set = Часовий пояс: {$timezone}.

## Digest and pause
digest-queued = Готую добірку, зачекайте хвилинку.
digest-admin-only = У групах отримати добірку негайно можуть лише адміністратори; за розкладом вона приходить усім. Читати новини (/latest, /search) можуть усі.
forget-ask = Видалити все, що бот зберігає про цей чат: налаштування, теми, слова, розклад, історію доставок? Цього не можна скасувати.
forget-yes = 🗑 Так, видалити
forget-no = Скасувати
forget-done = Готово: усе про цей чат видалено. Щоб почати знову, надішліть /start.
forget-cancelled = Нічого не видалено.
breaking-usage = Термінові новини: коротке повідомлення, коли про подію пишуть кілька видань одразу (не більше кількох на день, не в тихі години). Зараз: {$current}. <code>/breaking on</code> або <code>/breaking off</code>.
breaking-on = ⚡ Термінові новини увімкнено.
breaking-off = Термінові новини вимкнено.
quiet-usage = Тихі години (без термінових і миттєвих повідомлень): <code>/quiet 23:00-08:00</code> або <code>/quiet off</code>. Зараз: {$current}.
quiet-set = Тихі години: {$from}–{$to} ({$timezone}).
quiet-off = Тихі години вимкнено.
stop-done = Розсилку призупинено, налаштування збережено. Відновити: /resume.
resume-done = Розсилку відновлено.

## Groups and buttons
admin-only = Змінювати налаштування в цьому чаті можуть лише адміністратори. Читати новини (/latest, /search) можуть усі.
button-admin-only = Ці кнопки — лише для адміністраторів чату.
button-stale = Ця кнопка вже не діє. Надішліть /settings, щоб побачити актуальне меню.
too-long = Задовгий запит: не більше {$max} символів.
error-generic = Вибачте, щось пішло не так. Спробуйте ще раз трохи згодом.

btn-breaking-on = ⚡ Термінові: увімк.
btn-breaking-off = ⚡ Термінові: вимк.
btn-next = Далі →
btn-done = Готово
btn-lang = 🌐 Мова
btn-topics = 🗂 Теми
btn-schedule = ⏰ Розклад
btn-sched-once = Раз на день (09:00)
btn-sched-twice = Двічі на день (09:00 і 19:00)
btn-sched-thrice = Тричі на день (08:00, 13:00, 20:00)
btn-sched-instant = Одразу, щойно з’являються новини
btn-sched-off = Лише на запит

## Channels
channel-usage =
    Як підключити канал:
    <code>/channel add @назва_каналу</code> — підключити (ви маєте бути адміністратором, а бот — мати право публікувати)
    <code>/channel list</code> — ваші канали
    <code>/channel @назва lang uk</code> — мова
    <code>/channel @назва topics war economy</code> — теми
    <code>/channel @назва schedule 09:00,19:00</code> — розклад
    <code>/channel @назва pause</code> або <code>resume</code> — пауза
    <code>/channel remove @назва</code> — відключити
channel-private-only = Керувати каналами можна лише в приватному чаті зі мною.
channel-not-channel = Це не канал. Для груп додайте мене в групу й надішліть там /start.
channel-not-found = Не вдалося знайти канал. Перевірте назву й додайте @{$bot} до адміністраторів каналу.
channel-not-admin = Підключати канал і змінювати його налаштування можуть лише його адміністратори.
channel-bot-cannot-post = Я не можу публікувати в цьому каналі. Додайте @{$bot} до адміністраторів із правом публікації.
channel-added = Канал {$channel} підключено.
channel-updated = Налаштування каналу {$channel} оновлено.
channel-list-empty = Ви ще не підключили жодного каналу. Приклад: <code>/channel add @назва_каналу</code>.
channel-list-heading = <b>Ваші канали</b>
channel-unknown = Канал {$channel} не підключено. Перегляньте список: /channel list.
channel-removed = Канал {$channel} відключено.
channel-lost = ⚠️ Мене видалили з {$channel} або забрали право публікувати, тож розсилку туди призупинено. Поверніть права — і я продовжу.
channel-restored = ✅ Доступ до {$channel} відновлено, розсилка триває.

## Command menu
cmd-start = Налаштувати підписку
cmd-forget = Видалити мої дані
cmd-breaking = Термінові новини
cmd-quiet = Тихі години
cmd-help = Усі команди
cmd-settings = Поточні налаштування
cmd-latest = Останні новини
cmd-topics = Обрати теми
cmd-search = Пошук новин
cmd-digest = Добірка зараз
cmd-schedule = Розклад добірок
cmd-lang = Мова
cmd-follow = Стежити за словом
cmd-mute = Приховати слово
cmd-stop = Призупинити розсилку
cmd-resume = Відновити розсилку
cmd-channel = Підключити канал

## Operators
op-breaking-usage = Використання: <code>/breaking_threshold &lt;видань 2–50&gt; [хвилин 5–1440] [на день 1–50]</code>, наприклад <code>/breaking_threshold 4 60 3</code>.
op-breaking-current = Термінові новини: {$outlets} різних видань за {$minutes} хв, не більше {$perday} на день для чату.
op-breaking-set = Збережено. Термінові новини: {$outlets} різних видань за {$minutes} хв, не більше {$perday} на день для чату.
op-stats-heading = Статистика
chart-stories-hour = Новини за годину, за мовою
chart-stories-day = Новини за день, за мовою
chart-deliveries-hour = Доставки й помилки за годину
chart-deliveries-day = Доставки й помилки за день
chart-sent = надіслано
chart-failed = помилки
chart-failing-feeds = Стрічки з найбільшою кількістю помилок поспіль
chart-no-failing-feeds = усі стрічки працюють
op-stats-chats = Чати
op-stats-none = немає
op-stats-active = активні {$active}, вимкнені {$deactivated}, на паузі {$paused}
op-stats-stories = Новини за 24 год
op-stats-feeds = Стрічки: {$total}
op-stats-queues = Черги
op-stats-deliveries = Доставки за 24 год
op-stats-sent = надіслано
op-stats-failed = помилки
op-private-only = Команди оператора працюють лише в особистому чаті з ботом.
op-only = Ця команда лише для операторів.
op-only-button = Лише для операторів.
op-import-only = Імпортувати стрічки можуть лише оператори.
op-feeds-empty = Стрічок ще немає. Додайте першу: /addfeed &lt;url&gt;.
op-feeds-heading = <b>Стрічки</b> ({$total}) {$counts} — сторінка {$page}/{$pages}
op-feeds-every = кожні {$interval}
op-feeds-last-ok = востаннє успішно {$ago}
op-feeds-failures = збоїв поспіль: {$failures}
op-feeds-items = {$items} новин/добу
op-feeds-truncated = під час останнього опитування залишено найновіші з {$items} новин
op-feed-status-ok = працює
op-feed-status-failing = збоїть
op-feed-status-dead = не працює
op-feed-status-paused = на паузі
op-ago-never = ніколи
op-ago-now = щойно
op-ago-minutes = {$minutes} хв тому
op-ago-hours = {$hours} год тому
op-ago-days = {$days} дн. тому
op-addfeed-usage = Використання: /addfeed &lt;url&gt; [uk|ru|auto] [інтервал, напр. 5m]
op-addfeed-unknown-arg = Невідомий аргумент «{$arg}»: вкажіть uk, ru, auto або інтервал, наприклад 10m.
op-addfeed-added = ✅ Додано <b>{$name}</b> <code>{$id}</code>
op-addfeed-checked = новин: {$items}, мова: {$lang} (для стрічки встановлено {$feedlang}), кодування: {$encoding}
op-addfeed-polled = опитування кожні {$interval}, перше — зараз
op-addfeed-duplicate = Уже є в списку: <b>{$name}</b> <code>{$id}</code>
op-addfeed-invalid = Не додано: {$reason}.
op-addfeed-unreachable = ❌ Не додано: {$reason}
op-addfeed-unreadable = стрічку не вдалося прочитати
op-addfeed-private = Бот не приймає приватні адреси, якщо не задано ALLOW_PRIVATE_FEEDS=true (лише для стрічок, яким ви довіряєте).
op-feed-unknown = Стрічки <code>{$ref}</code> немає; див. /feeds.
op-feed-missing = Вкажіть id стрічки; див. /feeds.
op-rmfeed-done = 🗑 Видалено <b>{$name}</b> <code>{$id}</code>. Файл стрічок її не поверне.
op-pausefeed-done = ⏸ Призупинено <b>{$name}</b> <code>{$id}</code>. /resumefeed {$id}, щоб знову опитувати.
op-resumefeed-done = ▶️ Відновлено <b>{$name}</b> <code>{$id}</code>; її опитають під час наступного обходу.
op-interval-usage = Використання: /interval &lt;id&gt; &lt;1m…24h, напр. 5m&gt;
op-interval-done = ⏱ <b>{$name}</b> тепер опитується кожні {$interval}.
op-keywords-usage = Використання: /topic_keywords &lt;тема&gt; &lt;uk|ru&gt; &lt;основа, основа, ...&gt; (або «reset», щоб повернути типові)
op-keywords-unknown-topic = Невідома тема; відомі: {$known}.
op-keywords-bad-lang = Мова — uk або ru.
op-keywords-reset = Ключові слова теми <b>{$topic}</b> ({$lang}) скинуто; воркери підхоплять зміну протягом 30 с.
op-keywords-bad-stems = Вкажіть від 1 до {$max} основ завдовжки 2–60 символів через кому.
op-keywords-bad-stem = Помилка: «{$stem}».
op-keywords-saved =
    { $count ->
        [one] Збережено {$count} основу для <b>{$topic}</b> ({$lang}); воркери підхоплять її протягом 30 с.
        [few] Збережено {$count} основи для <b>{$topic}</b> ({$lang}); воркери підхоплять їх протягом 30 с.
       *[other] Збережено {$count} основ для <b>{$topic}</b> ({$lang}); воркери підхоплять їх протягом 30 с.
    }
op-export-caption =
    { $count ->
        [one] {$count} стрічка
        [few] {$count} стрічки
       *[other] {$count} стрічок
    }
op-broadcast-unavailable = Розсилки недоступні в цьому процесі.
op-broadcast-usage = /broadcast <текст>  |  /broadcast uk: <текст> | ru: <текст>
op-broadcast-queued = Розсилку {$id} поставлено в чергу ({$langs}).
op-opml-refused = ❌ Не імпортовано: {$reason}
op-opml-summary = <b>Імпорт OPML</b>: додано {$added}, уже в списку {$duplicates}, з помилкою {$failed}, некоректних {$invalid}
alert-feed-failing = ⚠️ <b>Стрічка збоїть</b> <code>{$id}</code>
alert-feed-dead = 💀 <b>Стрічка не працює</b> <code>{$id}</code>
alert-feed-recovered = ✅ <b>Стрічка знову працює</b> <code>{$id}</code>
alert-feed-silent = 🔇 <b>Стрічка мовчить</b> <code>{$id}</code>
alert-given-up = 📭 <b>Спроби припинено</b> <code>{$id}</code>
alert-chats = чати: {$chats}
