import type { FixtureItem } from './rss-fixtures.js';

// Vocabulary for generated news: enough variety that, as in real feeds, most stories are distinct and only
// the deliberate retellings (about one in ten) cluster. A tiny vocabulary would make every story a near-duplicate
// of hundreds of others, which measures a pathological case rather than ingestion.
const WORDS = {
  uk: {
    who: 'Кабмін|Верховна Рада|НБУ|Міноборони|Укренерго|ЗСУ|МЗС|Нафтогаз|Мінфін|Генштаб|Офіс президента|МОЗ|Мінцифри|СБУ|НАБУ|Укрзалізниця|ДСНС|Мінекономіки|Антимонопольний комітет|Пенсійний фонд'.split(
      '|',
    ),
    did: 'ухвалив рішення щодо|оголосив про|попередив про|пояснив ситуацію з|оприлюднив дані про|запустив|скасував|перевірив|посилив контроль за|відклав'.split(
      '|',
    ),
    what: 'графіки відключень|курс гривні|мобілізацію|відновлення енергетики|бюджет|виплати пенсій|ціни на пальне|тарифи на газ|ремонт доріг|постачання ППО|експорт зерна|ліцензії банків|обмін полоненими|евакуацію|шкільне харчування|реформу митниці|цифрові паспорти|ставки податків|кредити для бізнесу|захист критичної інфраструктури'.split(
      '|',
    ),
    where:
      'у Києві|у Харкові|в Одесі|у Львові|у Дніпрі|у Запоріжжі|у Миколаєві|у Сумах|у Чернігові|у Полтаві|у Вінниці|в Ужгороді|у Херсоні|у Житомирі|у Черкасах'.split(
        '|',
      ),
    filler:
      'за даними відомства|на брифінгу|у вівторок|з наступного місяця|після наради|за підсумками перевірки|у межах програми|на вимогу громади|попри критику експертів|за погодженням з партнерами'.split(
        '|',
      ),
  },
  ru: {
    who: 'Кабмин|Верховная Рада|НБУ|Минобороны|Укрэнерго|ВСУ|МИД|Нафтогаз|Минфин|Генштаб|Офис президента|Минздрав|Минцифры|СБУ|НАБУ|Укрзализныця|ГСЧС|Минэкономики|Антимонопольный комитет|Пенсионный фонд'.split(
      '|',
    ),
    did: 'принял решение по|объявил о|предупредил о|объяснил ситуацию с|обнародовал данные о|запустил|отменил|проверил|усилил контроль за|отложил'.split(
      '|',
    ),
    what: 'графикам отключений|курсу гривны|мобилизации|восстановлению энергетики|бюджету|выплатам пенсий|ценам на топливо|тарифам на газ|ремонту дорог|поставкам ПВО|экспорту зерна|лицензиям банков|обмену пленными|эвакуации|школьному питанию|реформе таможни|цифровым паспортам|ставкам налогов|кредитам для бизнеса|защите критической инфраструктуры'.split(
      '|',
    ),
    where:
      'в Киеве|в Харькове|в Одессе|во Львове|в Днепре|в Запорожье|в Николаеве|в Сумах|в Чернигове|в Полтаве|в Виннице|в Ужгороде|в Херсоне|в Житомире|в Черкассах'.split(
        '|',
      ),
    filler:
      'по данным ведомства|на брифинге|во вторник|со следующего месяца|после совещания|по итогам проверки|в рамках программы|по требованию общины|несмотря на критику экспертов|по согласованию с партнерами'.split(
        '|',
      ),
  },
};

function mulberry(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Items of generated feed `feedNo` (even: Ukrainian, odd: Russian), newest first, published before `now`. */
export function realisticItems(
  feedNo: number,
  count: number,
  now: number,
): { lang: 'uk' | 'ru'; items: FixtureItem[] } {
  const lang = feedNo % 2 === 0 ? 'uk' : 'ru';
  const words = WORDS[lang];
  const items: FixtureItem[] = [];
  for (let i = 0; i < count; i += 1) {
    // One in ten retells a "shared" story that other outlets also carry, so clustering has real work.
    const shared = i % 10 === 0;
    const random = mulberry(shared ? 7_777 + i : feedNo * 100_003 + i);
    const pick = (list: readonly string[]) => list[Math.floor(random() * list.length)] as string;
    const number = Math.floor(random() * 9_000) + 100;
    const title = `${pick(words.who)} ${pick(words.did)} ${pick(words.what)} ${pick(words.where)}: ${number}`;
    const summary = `${title}, ${pick(words.filler)}. ${pick(words.who)} ${pick(words.did)} ${pick(words.what)} ${pick(words.filler)}.`;
    items.push({
      title: shared ? `${pick(words.filler)}: ${title}` : title,
      link: `https://outlet${feedNo % 25}.example/${lang}/news/${feedNo}-${i}.html`,
      guid: `bench-${feedNo}-${i}`,
      description: `<p>${summary}</p>`,
      pubDate: new Date(now - i * 3 * 60_000 - (feedNo % 60) * 1_000),
      category: pick(['Політика', 'Економіка', 'Війна', 'Суспільство', 'Politics', 'Экономика']),
    });
  }
  return { lang, items };
}
