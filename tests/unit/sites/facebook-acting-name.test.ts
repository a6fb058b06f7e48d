// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { readActingPage } from '../../../lib/messaging/acting-page';
import { actingName } from '../../../lib/sites/facebook/acting-name';
import { standardInboxPage, standardPostPage } from '../../fixtures/facebook/standard-pages';
import { pageDoc } from './fixtures';

const box = (label: string) => pageDoc(`<form><div role="textbox" contenteditable="true" data-lexical-editor="true" aria-label="${label}"><p><br></p></div></form>`);

describe("the acting Page's name for \"This is our Page\"", () => {
  it.each(['en', 'es', 'ro'] as const)('reads it from the comment box of a generated Page post in %s', (locale) => {
    const page = standardPostPage({ locale });
    expect(actingName(pageDoc(page.html))).toBe(page.pageName);
  });

  it.each([
    ['Comment as Acme Care', 'Acme Care'],
    ['Answer as Acme', 'Acme'],
    ['Responder como Acme España', 'Acme España'],
    ['Comentează ca Acme România', 'Acme România'],
  ])('reads "%s" as %s', (label, name) => {
    expect(actingName(box(label))).toBe(name);
  });

  it.each([
    ['a box that names no one', 'Write a comment…'],
    ['a reply box ("Reply <name>" names whom you answer)', 'Reply Jane Doe'],
    ['a label with only the words', 'Comment as '],
    ['a name with markup', 'Comment as <img src=x>'],
    ['a name longer than 100 characters', `Comment as ${'A'.repeat(101)}`],
  ])('gives no name for %s', (_, label) => {
    expect(actingName(box(label))).toBeNull();
  });

  it('gives no name in the Business Suite inbox (no comment box)', () => {
    expect(actingName(pageDoc(standardInboxPage().html))).toBeNull();
  });
});

describe("the popup's check of the tab's answer", () => {
  it.each([
    [{ id: '123', name: 'Acme' }, { id: '123', name: 'Acme' }],
    [{ id: '123' }, { id: '123', name: null }],
    [{ id: '123', name: '  ' }, { id: '123', name: null }],
    [{ id: '123', name: '<b>x</b>' }, { id: '123', name: null }],
    [{ id: '123', name: 7 }, { id: '123', name: null }],
    [{ id: 'me', name: 'Acme' }, null],
    [{ id: null }, null],
    [null, null],
  ])('reads %j as %j', (answer, read) => {
    expect(readActingPage(answer)).toEqual(read);
  });
});
