/// <reference types="mocha" />
import { expect, fixture, html } from '@open-wc/testing';
import { readConfig } from '../../src/bridge/config.ts';
import { deepQueryAll } from '../../src/bridge/deep-query.ts';

function shadowHost(inner: string): HTMLElement {
  const host = document.createElement('div');
  host.attachShadow({ mode: 'open' }).innerHTML = inner;
  return host;
}

describe('finding authentik’s avatar input', () => {
  it('finds inputs in the light DOM and in nested open shadow roots (the user settings page)', async () => {
    const page = await fixture<HTMLElement>(html`<main><input type="file" name="attributes.avatar" id="light" /></main>`);
    const outer = shadowHost('<section></section>');
    const inner = shadowHost('<input type="file" name="attributes.avatar" id="deep" /><input type="file" name="other" />');
    outer.shadowRoot!.querySelector('section')!.append(inner);
    page.append(outer);
    const found = deepQueryAll<HTMLInputElement>(document, 'input[type="file"][name="attributes.avatar"]').map((input) => input.id);
    expect(found).to.have.members(['light', 'deep']);
  });
});

describe('the bridge’s data attributes', () => {
  it('defaults match the blueprint’s field keys', () => {
    const config = readConfig(null);
    expect(config.avatarField).to.equal('attributes.avatar');
    expect(config.resetField).to.equal('attributes.avatar_reset');
    expect(config.fallback).to.deep.equal(['initials']);
    expect(config.size).to.equal(1024);
  });

  it('reads field keys, the fallback list (like authentik’s setting), size and language', () => {
    const script = document.createElement('script');
    Object.assign(script.dataset, { avatarField: 'attributes.photo', fallback: 'gravatar,initials', size: '512', lang: 'de' });
    const config = readConfig(script);
    expect(config).to.include({ avatarField: 'attributes.photo', size: 512, lang: 'de' });
    expect(config.fallback).to.deep.equal(['gravatar', 'initials']);
  });

  it('ignores a size outside 64..4096 instead of breaking the page', () => {
    const script = document.createElement('script');
    script.dataset.size = '99999';
    expect(readConfig(script).size).to.equal(1024);
  });
});
