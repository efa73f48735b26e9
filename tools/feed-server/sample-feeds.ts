import type { Lang } from '../../src/core/types.js';

export interface SampleItem {
  title: string;
  summary: string;
  slug: string;
  category: string;
}

/**
 * Bundled sample news for the offline demo, written for this project (not copied from any outlet). The UA and RU
 * feeds carry the same stories, as the bilingual editions of Ukrainian outlets do.
 */
export const SAMPLE_FEEDS: Record<Lang, { title: string; items: SampleItem[] }> = {
  uk: {
    title: 'Демо-новини',
    items: [
      {
        title: 'Верховна Рада ухвалила закон про місцеві вибори після війни',
        summary: 'Нардепи підтримали законопроєкт у другому читанні; за проголосували 262 депутати.',
        slug: 'rada-local-elections',
        category: 'Політика',
      },
      {
        title: 'Зеленський підписав указ про нові санкції проти російських компаній',
        summary: 'Санкції стосуються 45 компаній оборонного сектору рф, повідомив Офіс президента.',
        slug: 'sanctions-decree',
        category: 'Політика',
      },
      {
        title: 'Уряд затвердив план відновлення енергосистеми до зими',
        summary: 'Кабмін виділив кошти на захист підстанцій і ремонт теплоелектроцентралей.',
        slug: 'energy-recovery-plan',
        category: 'Політика',
      },
      {
        title: 'Нацбанк залишив облікову ставку без змін',
        summary: 'НБУ зберіг ставку на рівні 15,5%, інфляція сповільнюється другий місяць поспіль.',
        slug: 'nbu-rate',
        category: 'Економіка',
      },
    ],
  },
  ru: {
    title: 'Демо-новости',
    items: [
      {
        title: 'Верховная Рада приняла закон о местных выборах после войны',
        summary: 'Нардепы поддержали законопроект во втором чтении; за проголосовали 262 депутата.',
        slug: 'rada-local-elections',
        category: 'Политика',
      },
      {
        title: 'Зеленский подписал указ о новых санкциях против российских компаний',
        summary: 'Санкции касаются 45 компаний оборонного сектора рф, сообщил Офис президента.',
        slug: 'sanctions-decree',
        category: 'Политика',
      },
      {
        title: 'Правительство утвердило план восстановления энергосистемы к зиме',
        summary: 'Кабмин выделил средства на защиту подстанций и ремонт теплоэлектроцентралей.',
        slug: 'energy-recovery-plan',
        category: 'Политика',
      },
      {
        title: 'Нацбанк оставил учетную ставку без изменений',
        summary: 'НБУ сохранил ставку на уровне 15,5%, инфляция замедляется второй месяц подряд.',
        slug: 'nbu-rate',
        category: 'Экономика',
      },
    ],
  },
};

/** Published during the demo, after the first digest, so the second one has news of its own. */
export const BREAKING: Record<Lang, SampleItem> = {
  uk: {
    title: 'Парламент призначив нового міністра оборони',
    summary: 'За кандидатуру, внесену прем\u2019єр-міністром, проголосували 278 народних депутатів.',
    slug: 'new-defence-minister',
    category: 'Політика',
  },
  ru: {
    title: 'Парламент назначил нового министра обороны',
    summary: 'За кандидатуру, внесенную премьер-министром, проголосовали 278 народных депутатов.',
    slug: 'new-defence-minister',
    category: 'Политика',
  },
};
