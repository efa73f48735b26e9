import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeFeedBody } from '../../../../src/core/feed/decode-feed-body.js';
import { fixturePath, readFixture } from '../../../fixtures/read-fixture.js';

const W1251_TITLE = 'Верховна Рада ухвалила закон про підтримку ґрунтових доріг у громадах';

describe('decodeFeedBody over legacy-charset fixtures', () => {
  it.each([
    ['pravda-windows-1251.xml', 'windows-1251'],
    ['unian-koi8-u.xml', 'koi8-u'],
    ['zn-koi8-r.xml', 'koi8-r'],
    ['ukrinform-iso-8859-5.xml', 'iso-8859-5'],
  ])('%s decodes byte-for-byte to its UTF-8 source as %s', (name, encoding) => {
    const source = readFileSync(fixturePath(`sources/${name}`), 'utf8');
    const decoded = decodeFeedBody(readFixture(name));
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toBe(source);
  });
});

describe('decodeFeedBody charset choice', () => {
  it.each<[string, string | undefined, string, string]>([
    ['pravda-windows-1251.xml', undefined, 'windows-1251', W1251_TITLE],
    ['pravda-windows-1251.xml', 'text/xml', 'windows-1251', W1251_TITLE],
    ['pravda-windows-1251.xml', 'application/rss+xml; charset=cp1251', 'windows-1251', W1251_TITLE],
    ['pravda-windows-1251.xml', 'application/rss+xml; charset="Windows-1251"', 'windows-1251', W1251_TITLE],
    // A server that claims UTF-8 for windows-1251 bytes: the bytes are not UTF-8, so the declaration is believed.
    ['pravda-windows-1251.xml', 'text/xml; charset=utf-8', 'windows-1251', W1251_TITLE],
    // An unknown label is ignored rather than thrown on.
    ['pravda-windows-1251.xml', 'text/xml; charset=x-klingon', 'windows-1251', W1251_TITLE],
    [
      'unian-koi8-u.xml',
      'text/xml; charset=KOI8-U',
      'koi8-u',
      'Синоптики попередили про ожеледицю: &#171;Їдьте',
    ],
    ['zn-koi8-r.xml', undefined, 'koi8-r', 'В Одессе ещё на сутки продлили'],
    ['ukrinform-iso-8859-5.xml', undefined, 'iso-8859-5', 'Шмыгаль: Украина получит ещё 1,5 млрд евро'],
    ['pravda-uk-utf8.xml', 'application/xml', 'utf-8', 'Верховна Рада ухвалила бюджет-2027'],
    ['interfax-ru-utf8.xml', undefined, 'utf-8', 'НБУ сохранил учетную ставку'],
  ])('%s with Content-Type %s -> %s', (name, contentType, encoding, expected) => {
    const decoded = decodeFeedBody(readFixture(name), contentType);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toContain(expected);
  });

  it('lets a Content-Type charset override the XML declaration', () => {
    const decoded = decodeFeedBody(readFixture('pravda-windows-1251.xml'), 'text/xml; charset=koi8-r');
    expect(decoded.encoding).toBe('koi8-r');
    expect(decoded.text).not.toContain(W1251_TITLE);
  });

  it('strips a UTF-8 BOM and keeps what follows', () => {
    const decoded = decodeFeedBody(readFixture('bom-leading-whitespace.xml'));
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text.startsWith('\r\n\r\n  \t<?xml')).toBe(true);
  });

  const utf16le = (text: string) => Buffer.from(text, 'utf16le');
  it.each<[string, Uint8Array, string | undefined, string, string]>([
    [
      'UTF-16LE BOM',
      Buffer.concat([Buffer.of(0xff, 0xfe), utf16le('<rss>Київ</rss>')]),
      undefined,
      'utf-16le',
      '<rss>Київ</rss>',
    ],
    [
      'UTF-16BE BOM',
      Buffer.concat([Buffer.of(0xfe, 0xff), utf16le('<rss>Київ</rss>').swap16()]),
      undefined,
      'utf-16be',
      '<rss>Київ</rss>',
    ],
    ['UTF-16LE without BOM', utf16le('<rss>Київ</rss>'), undefined, 'utf-16le', '<rss>Київ</rss>'],
    [
      'BOM over a wrong header',
      Buffer.concat([Buffer.of(0xef, 0xbb, 0xbf), Buffer.from('<rss>Київ</rss>')]),
      'text/xml; charset=windows-1251',
      'utf-8',
      '<rss>Київ</rss>',
    ],
    ['nothing declared', Buffer.from('<rss>Київ</rss>'), undefined, 'utf-8', '<rss>Київ</rss>'],
    [
      'unknown declared label',
      Buffer.from('<?xml version="1.0" encoding="x-klingon"?><rss>Київ</rss>'),
      undefined,
      'utf-8',
      '<?xml version="1.0" encoding="x-klingon"?><rss>Київ</rss>',
    ],
    [
      'invalid UTF-8, nothing declared',
      Buffer.of(0x3c, 0x61, 0x3e, 0xff, 0x3c),
      undefined,
      'utf-8',
      '<a>\uFFFD<',
    ],
    ['empty body', new Uint8Array(), 'text/xml; charset=utf-8', 'utf-8', ''],
  ])('%s', (_name, bytes, contentType, encoding, text) => {
    expect(decodeFeedBody(bytes, contentType)).toEqual({ encoding, text });
  });
});
