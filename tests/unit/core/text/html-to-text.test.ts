import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../../src/core/text/html-to-text.js';

describe('htmlToText', () => {
  it.each([
    ['<p>Один</p><p>Два</p>', 'Один Два'],
    ['Перший рядок<br/>другий', 'Перший рядок другий'],
    ['Текст<script>alert("<p>x</p>")</script> далі', 'Текст далі'],
    ['<style>p { color: red }</style>Стиль', 'Стиль'],
    ['<!-- реклама --><p>Текст</p>', 'Текст'],
    ['&laquo;Київ&raquo; &mdash; столиця&nbsp;України&hellip;', '«Київ» — столиця України…'],
    ['прем&rsquo;єр &#8470;1 &#x2014; так', 'прем’єр №1 — так'],
    ['  багато   \n\t пробілів  ', 'багато пробілів'],
    ['Ціна <100 грн', 'Ціна <100 грн'],
    ['<img alt="a > b" src="x.jpg">Фото', 'Фото'],
    ['&lt;b&gt;не тег&lt;/b&gt;', '<b>не тег</b>'],
    ['<a href="https://zn.ua/?a=1&amp;b=2">Посилання</a>', 'Посилання'],
    ['AT&amp;T', 'AT&T'],
    ['<div type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>XHTML</p></div></div>', 'XHTML'],
    ['', ''],
  ])('%j -> %j', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });
});
