/**
 * Words in a large share of Ukrainian and Russian headlines (the president, the government, "attacked",
 * "reported"): a shared one says little about being the same event, so it weighs half. A static stand-in for
 * inverse document frequency; the list grows from bench/quality (tuning part only), never from held-out items.
 */
export const COMMON_STEM_WORDS =
  'зеленський зеленский президент україна украина росія россия рф уряд правительство кабмін кабмин ' +
  'верховна верховная рада закон провів провел підписав подписал засідання заседание зустрівся встретился ' +
  'розмова разговор переговори переговоры обговорили обсудили атакував атаковал атака удар ворог враг ' +
  'сили силы оборони обороны зсу всу генштаб київ киев ' +
  // Names in a large share of headlines: sharing them does not make two stories one event.
  'володимир владимир трамп дональд путін путин сша американський американский європейський европейский ' +
  'євросоюз евросоюз єс ес нато україни украины росії россии';
