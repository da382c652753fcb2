/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import { md5 } from '../../src/bridge/md5.ts';

// RFC 1321's test suite, padding boundaries (55/56/63/64/65 bytes), multi-block and non-ASCII input;
// expected digests from Python's hashlib.
const vectors: [string, string][] = [
  ["", 'd41d8cd98f00b204e9800998ecf8427e'],
  ["a", '0cc175b9c0f1b6a831c399e269772661'],
  ["abc", '900150983cd24fb0d6963f7d28e17f72'],
  ["message digest", 'f96b697d7cb7938d525a2f31aaf161d0'],
  ["abcdefghijklmnopqrstuvwxyz", 'c3fcd3d76192e4007dfb496cca67e13b'],
  ["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 'd174ab98d277d9f5a5611c2c9f419d9f'],
  ['1234567890'.repeat(8), '57edf4a22be3c955ac49da2e2107b67a'],
  ["ada@example.org", '5bfcf2d8e394674550332640d72db509'],
  ["jürgen.müller@例え.jp", 'dec9885ea4e85f2f6a97296f9430f0b1'],
  ["xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", '04364420e25c512fd958a70738aa8f72'],
  ["xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", '668a72d5ba17f08e62dabcafad6db14b'],
  ["xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", '7dc2ca208106a2f703567bdff99d8981'],
  ["xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", 'c1bb4f81d892b2d57947682aeb252456'],
  ["xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", '1bc932052302d074bdec39795fe00cf6'],
  ['y'.repeat(1000), 'abf7f0c50f9f08c680c97d669f346e3c'],
];

describe('md5 names the same image authentik names with %(mail_hash)s', () => {
  for (const [text, digest] of vectors) {
    it(`md5 of ${JSON.stringify(text.length > 20 ? `${text.slice(0, 20)}… (${text.length} chars)` : text)}`, () => {
      expect(md5(text)).to.equal(digest);
    });
  }
});
