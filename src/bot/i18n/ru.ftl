none = —

## Onboarding
start-welcome = 👋 Здравствуйте! Я собираю новости ведущих украинских изданий и присылаю короткие подборки по выбранным темам.
start-choose-lang = Выберите язык новостей и интерфейса:
start-choose-topics = Отметьте интересные вам темы (нажмите ещё раз, чтобы убрать):
start-choose-schedule = Когда присылать подборки?
start-done = ✅ Готово! Подборки будут приходить {$schedule}. Новости вне расписания: /latest, поиск: /search, все команды: /help.
start-again = Вы уже подписаны. Вот ваши настройки:

settings-summary =
    <b>Настройки</b>
    Язык: {$lang}
    Темы: {$topics}
    Расписание: {$schedule}
    Часовой пояс: {$timezone}
    Слежу за словами: {$follow}
    Скрываю слова: {$mute}
    Состояние: {$status}

status-active = активна
status-paused = на паузе (/resume, чтобы возобновить)
status-inactive = отключена: бот не может сюда писать

help =
    <b>Что я умею</b>
    /start — настроить подписку
    /settings — текущие настройки
    /lang uk|ru — язык новостей и интерфейса
    /otherlang on|off — добавлять новости, вышедшие только на другом языке (с пометкой)
    /topics — выбрать темы
    /subscribe, /unsubscribe &lt;тема&gt; — добавить или убрать тему
    /latest [тема] [количество] — последние новости
    /politics, /war, /economy… — последние новости по теме
    /search &lt;слова&gt; — поиск по свежим новостям
    /follow, /unfollow &lt;слово&gt; — всегда показывать новости с этим словом
    /mute, /unmute &lt;слово&gt; — скрывать новости с этим словом
    /schedule 08:00,20:00 | instant | off — расписание подборок
    /timezone Europe/Kyiv — часовой пояс
    /digest — подборка прямо сейчас
    /breaking on|off — срочные новости
    /quiet 23:00-08:00 | off — тихие часы
    /stop, /resume — приостановить или возобновить рассылку
    /channel — подключить свой канал (в личном чате с ботом)
    /forget — удалить всё, что бот хранит о чате
help-short = Не знаю такой команды. Попробуйте /latest, /topics или /settings, а полный список — в /help.

## Language
lang-name-uk = Українська
lang-name-ru = Русский
lang-set = Язык изменён: {$lang}.
lang-usage = Укажите язык: <code>/lang uk</code> или <code>/lang ru</code>.
otherlang-on = Теперь в подборках будут и новости, вышедшие только на другом языке; они помечены.
otherlang-off = Подборки будут содержать только новости на вашем языке.
otherlang-usage = Укажите <code>/otherlang on</code> или <code>/otherlang off</code>.

## Topics
topics-title = Темы вашей подписки. Нажмите, чтобы добавить или убрать:
topics-usage = Укажите одну или несколько тем, например: <code>/subscribe war economy</code>. Доступные темы:
topic-unknown = Не знаю темы «{$input}». Доступные темы:
subscribe-done = Добавлено: {$changed}. Теперь ваши темы: {$topics}.
unsubscribe-done = Убрано: {$changed}. Теперь ваши темы: {$topics}.

## Stories
latest-heading = Последнее: {$topic}
latest-heading-all = Последние новости
latest-empty = Пока новостей нет. Загляните чуть позже.
topic-quiet-hours =
    { $hours ->
        [one] Тема «{$topic}» молчит уже {$hours} час.
        [few] Тема «{$topic}» молчит уже {$hours} часа.
       *[other] Тема «{$topic}» молчит уже {$hours} часов.
    }
topic-quiet-days =
    { $days ->
        [one] Тема «{$topic}» молчит уже {$days} день.
        [few] Тема «{$topic}» молчит уже {$days} дня.
       *[other] Тема «{$topic}» молчит уже {$days} дней.
    }
topic-quiet-none = По теме «{$topic}» пока нет ни одной новости.
topic-nearest = Есть новости здесь: {$topics}
sources-count =
    { $count ->
        [one] {$count} источник
        [few] {$count} источника
       *[other] {$count} источников
    }
search-usage = Напишите, что искать, например: <code>/search украин энергетика</code>.
search-empty = По запросу «{$query}» среди свежих новостей ничего не нашлось.
search-heading = Поиск: {$query}

## Keywords
follow-usage = Напишите слово, за которым следить: <code>/follow Укрэнерго</code>. Сейчас: {$current}.
unfollow-usage = Напишите слово, которое убрать: <code>/unfollow Укрэнерго</code>. Сейчас: {$current}.
mute-usage = Напишите слово, которое скрывать: <code>/mute футбол</code>. Сейчас: {$current}.
unmute-usage = Напишите слово, которое снова показывать: <code>/unmute футбол</code>. Сейчас: {$current}.
follow-done = Слежу за словом «{$keyword}»: такие новости попадут в подборку при любой теме.
unfollow-done = Больше не слежу за словом «{$keyword}».
mute-done = Новости со словом «{$keyword}» больше не будут попадать в подборки.
unmute-done = Слово «{$keyword}» больше не скрывается.
keyword-too-short = Слишком короткое слово: нужно хотя бы 2 символа.
keyword-too-long = Слишком длинное слово: не больше {$max} символов.
keyword-too-many = В списке уже {$max} слов. Уберите какое-нибудь, чтобы добавить новое.
keyword-not-found = Слова «{$keyword}» нет в списке.

## Schedule
schedule-current = Сейчас: {$schedule}.
schedule-bad = Укажите время в формате ЧЧ:ММ через запятую, например <code>/schedule 08:00,20:00</code>, или <code>/schedule instant</code> (сразу), или <code>/schedule off</code> (выключить).
schedule-too-many = Слишком много значений: не больше {$max} в день.
schedule-set = Расписание обновлено: {$schedule} (часовой пояс {$timezone}).
schedule-desc-times = ежедневно в {$times}
schedule-desc-instant = сразу, как только появляются новости
schedule-desc-off = только по запросу (/digest)
timezone-bad = Не знаю такого часового пояса. Пример: <code>/timezone Europe/Kyiv</code>. Сейчас: {$current}.
timezone-set = Часовой пояс: {$timezone}.

## Digest and pause
digest-queued = Готовлю подборку, подождите минутку.
digest-admin-only = В группах получить подборку сразу могут только администраторы; по расписанию она приходит всем. Читать новости (/latest, /search) могут все.
forget-ask = Удалить всё, что бот хранит об этом чате: настройки, темы, слова, расписание, историю доставок? Это нельзя отменить.
forget-yes = 🗑 Да, удалить
forget-no = Отмена
forget-done = Готово: всё об этом чате удалено. Чтобы начать снова, отправьте /start.
forget-cancelled = Ничего не удалено.
breaking-usage = Срочные новости: короткое сообщение, когда о событии пишут сразу несколько изданий (не больше нескольких в день, не в тихие часы). Сейчас: {$current}. <code>/breaking on</code> или <code>/breaking off</code>.
breaking-on = ⚡ Срочные новости включены.
breaking-off = Срочные новости выключены.
quiet-usage = Тихие часы (без срочных и мгновенных сообщений): <code>/quiet 23:00-08:00</code> или <code>/quiet off</code>. Сейчас: {$current}.
quiet-set = Тихие часы: {$from}–{$to} ({$timezone}).
quiet-off = Тихие часы выключены.
stop-done = Рассылка приостановлена, настройки сохранены. Возобновить: /resume.
resume-done = Рассылка возобновлена.

## Groups and buttons
admin-only = Менять настройки в этом чате могут только администраторы. Читать новости (/latest, /search) могут все.
button-admin-only = Эти кнопки — только для администраторов чата.
button-stale = Эта кнопка уже не действует. Отправьте /settings, чтобы увидеть актуальное меню.
too-long = Слишком длинный запрос: не больше {$max} символов.
error-generic = Извините, что-то пошло не так. Попробуйте ещё раз чуть позже.

btn-breaking-on = ⚡ Срочные: вкл.
btn-breaking-off = ⚡ Срочные: выкл.
btn-next = Дальше →
btn-done = Готово
btn-lang = 🌐 Язык
btn-topics = 🗂 Темы
btn-schedule = ⏰ Расписание
btn-sched-once = Раз в день (09:00)
btn-sched-twice = Дважды в день (09:00 и 19:00)
btn-sched-thrice = Трижды в день (08:00, 13:00, 20:00)
btn-sched-instant = Сразу, как появляются новости
btn-sched-off = Только по запросу

## Channels
channel-usage =
    Как подключить канал:
    <code>/channel add @имя_канала</code> — подключить (вы должны быть администратором, а бот — иметь право публиковать)
    <code>/channel list</code> — ваши каналы
    <code>/channel @имя lang ru</code> — язык
    <code>/channel @имя topics war economy</code> — темы
    <code>/channel @имя schedule 09:00,19:00</code> — расписание
    <code>/channel @имя pause</code> или <code>resume</code> — пауза
    <code>/channel remove @имя</code> — отключить
channel-private-only = Управлять каналами можно только в личном чате со мной.
channel-not-channel = Это не канал. Для групп добавьте меня в группу и отправьте там /start.
channel-not-found = Не удалось найти канал. Проверьте имя и добавьте @{$bot} в администраторы канала.
channel-not-admin = Подключать канал и менять его настройки могут только его администраторы.
channel-bot-cannot-post = Я не могу публиковать в этом канале. Добавьте @{$bot} в администраторы с правом публикации.
channel-added = Канал {$channel} подключён.
channel-updated = Настройки канала {$channel} обновлены.
channel-list-empty = Вы ещё не подключили ни одного канала. Пример: <code>/channel add @имя_канала</code>.
channel-list-heading = <b>Ваши каналы</b>
channel-unknown = Канал {$channel} не подключён. Посмотрите список: /channel list.
channel-removed = Канал {$channel} отключён.
channel-lost = ⚠️ Меня удалили из {$channel} или лишили права публиковать, поэтому рассылка туда приостановлена. Верните права — и я продолжу.
channel-restored = ✅ Доступ к {$channel} восстановлен, рассылка продолжается.

## Command menu
cmd-start = Настроить подписку
cmd-forget = Удалить мои данные
cmd-breaking = Срочные новости
cmd-quiet = Тихие часы
cmd-help = Все команды
cmd-settings = Текущие настройки
cmd-latest = Последние новости
cmd-topics = Выбрать темы
cmd-search = Поиск новостей
cmd-digest = Подборка сейчас
cmd-schedule = Расписание подборок
cmd-lang = Язык
cmd-follow = Следить за словом
cmd-mute = Скрыть слово
cmd-stop = Приостановить рассылку
cmd-resume = Возобновить рассылку
cmd-channel = Подключить канал

## Operators
op-breaking-usage = Использование: <code>/breaking_threshold &lt;изданий 2–50&gt; [минут 5–1440] [в день 1–50]</code>, например <code>/breaking_threshold 4 60 3</code>.
op-breaking-current = Срочные новости: {$outlets} разных изданий за {$minutes} мин, не больше {$perday} в день для чата.
op-breaking-set = Сохранено. Срочные новости: {$outlets} разных изданий за {$minutes} мин, не больше {$perday} в день для чата.
op-stats-heading = Статистика
chart-stories-hour = Новости за час, по языкам
chart-stories-day = Новости за день, по языкам
chart-deliveries-hour = Доставки и ошибки за час
chart-deliveries-day = Доставки и ошибки за день
chart-sent = отправлено
chart-failed = ошибки
chart-failing-feeds = Ленты с наибольшим числом ошибок подряд
chart-no-failing-feeds = все ленты работают
op-stats-chats = Чаты
op-stats-none = нет
op-stats-active = активные {$active}, выключенные {$deactivated}, на паузе {$paused}
op-stats-stories = Новости за 24 ч
op-stats-feeds = Ленты: {$total}
op-stats-queues = Очереди
op-stats-deliveries = Доставки за 24 ч
op-stats-sent = отправлено
op-stats-failed = ошибки
op-private-only = Команды оператора работают только в личном чате с ботом.
op-only = Эта команда только для операторов.
op-only-button = Только для операторов.
op-import-only = Импортировать ленты могут только операторы.
op-feeds-empty = Лент пока нет. Добавьте первую: /addfeed &lt;url&gt;.
op-feeds-heading = <b>Ленты</b> ({$total}) {$counts} — страница {$page}/{$pages}
op-feeds-every = каждые {$interval}
op-feeds-last-ok = последний успех {$ago}
op-feeds-failures = сбоев подряд: {$failures}
op-feeds-items = {$items} новостей/сутки
op-feeds-truncated = при последнем опросе оставлены самые новые из {$items} новостей
op-feed-status-ok = работает
op-feed-status-failing = сбоит
op-feed-status-dead = не работает
op-feed-status-paused = на паузе
op-ago-never = никогда
op-ago-now = только что
op-ago-minutes = {$minutes} мин назад
op-ago-hours = {$hours} ч назад
op-ago-days = {$days} дн. назад
op-addfeed-usage = Использование: /addfeed &lt;url&gt; [uk|ru|auto] [интервал, напр. 5m]
op-addfeed-unknown-arg = Неизвестный аргумент «{$arg}»: укажите uk, ru, auto или интервал, например 10m.
op-addfeed-added = ✅ Добавлено <b>{$name}</b> <code>{$id}</code>
op-addfeed-checked = новостей: {$items}, язык: {$lang} (для ленты установлен {$feedlang}), кодировка: {$encoding}
op-addfeed-polled = опрос каждые {$interval}, первый — сейчас
op-addfeed-duplicate = Уже в списке: <b>{$name}</b> <code>{$id}</code>
op-addfeed-invalid = Не добавлено: {$reason}.
op-addfeed-unreachable = ❌ Не добавлено: {$reason}
op-addfeed-unreadable = ленту не удалось прочитать
op-addfeed-private = Бот не принимает частные адреса, если не задано ALLOW_PRIVATE_FEEDS=true (только для лент, которым вы доверяете).
op-feed-unknown = Ленты <code>{$ref}</code> нет; см. /feeds.
op-feed-missing = Укажите id ленты; см. /feeds.
op-rmfeed-done = 🗑 Удалено <b>{$name}</b> <code>{$id}</code>. Файл лент её не вернёт.
op-pausefeed-done = ⏸ Приостановлено <b>{$name}</b> <code>{$id}</code>. /resumefeed {$id}, чтобы снова опрашивать.
op-resumefeed-done = ▶️ Возобновлено <b>{$name}</b> <code>{$id}</code>; её опросят при следующем обходе.
op-interval-usage = Использование: /interval &lt;id&gt; &lt;1m…24h, напр. 5m&gt;
op-interval-done = ⏱ <b>{$name}</b> теперь опрашивается каждые {$interval}.
op-keywords-usage = Использование: /topic_keywords &lt;тема&gt; &lt;uk|ru&gt; &lt;основа, основа, ...&gt; (или «reset», чтобы вернуть стандартные)
op-keywords-unknown-topic = Неизвестная тема; известные: {$known}.
op-keywords-bad-lang = Язык — uk или ru.
op-keywords-reset = Ключевые слова темы <b>{$topic}</b> ({$lang}) сброшены; воркеры подхватят изменение в течение 30 с.
op-keywords-bad-stems = Укажите от 1 до {$max} основ длиной 2–60 символов через запятую.
op-keywords-bad-stem = Ошибка: «{$stem}».
op-keywords-saved =
    { $count ->
        [one] Сохранена {$count} основа для <b>{$topic}</b> ({$lang}); воркеры подхватят её в течение 30 с.
        [few] Сохранены {$count} основы для <b>{$topic}</b> ({$lang}); воркеры подхватят их в течение 30 с.
       *[other] Сохранено {$count} основ для <b>{$topic}</b> ({$lang}); воркеры подхватят их в течение 30 с.
    }
op-export-caption =
    { $count ->
        [one] {$count} лента
        [few] {$count} ленты
       *[other] {$count} лент
    }
op-broadcast-unavailable = Рассылки недоступны в этом процессе.
op-broadcast-usage = /broadcast <текст>  |  /broadcast uk: <текст> | ru: <текст>
op-broadcast-queued = Рассылка {$id} поставлена в очередь ({$langs}).
op-opml-refused = ❌ Не импортировано: {$reason}
op-opml-summary = <b>Импорт OPML</b>: добавлено {$added}, уже в списке {$duplicates}, с ошибкой {$failed}, некорректных {$invalid}
alert-feed-failing = ⚠️ <b>Лента сбоит</b> <code>{$id}</code>
alert-feed-dead = 💀 <b>Лента не работает</b> <code>{$id}</code>
alert-feed-recovered = ✅ <b>Лента снова работает</b> <code>{$id}</code>
alert-feed-silent = 🔇 <b>Лента молчит</b> <code>{$id}</code>
alert-given-up = 📭 <b>Попытки прекращены</b> <code>{$id}</code>
alert-chats = чаты: {$chats}
