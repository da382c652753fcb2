/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import { bridgeTables, stringsFor } from '../../src/bridge/strings.ts';

describe('the bridge speaks the languages authentik ships', () => {
  const keys = Object.keys(bridgeTables.en!).sort();

  for (const [tag, table] of Object.entries(bridgeTables)) {
    it(`the ${tag} table has every key, each with text`, () => {
      expect(Object.keys(table).sort()).to.deep.equal(keys);
      for (const key of keys) expect(table[key as keyof typeof table], key).to.be.a('string').and.not.be.empty;
    });
  }

  it('has at least six languages besides English', () => {
    expect(new Set(Object.values(bridgeTables)).size).to.be.at.least(7);
  });

  it('picks by exact tag, then by primary language, then English', () => {
    expect(stringsFor('de-AT').change).to.equal(bridgeTables.de!.change);
    expect(stringsFor('pt-BR').remove).to.equal('Remover');
    expect(stringsFor('zh-CN').close).to.equal('关闭');
    expect(stringsFor('ZH-Hans').close).to.equal('关闭');
    expect(stringsFor('ko').change).to.equal('Change avatar');
    expect(stringsFor('').change).to.equal('Change avatar');
  });
});
