/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import { fallbackCandidates, initialsAvatar } from '../../src/bridge/fallback-avatar.ts';

const ada = { username: 'ada', name: 'Ada Lovelace', email: ' Ada@Example.org ' };

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

describe('the fallback preview follows the admin’s avatars setting', () => {
  it('initials: an SVG with the two initials, and nothing after it is tried', async () => {
    const candidates = await fallbackCandidates(['initials', 'gravatar'], ada);
    expect(candidates).to.have.length(1);
    const svg = atob(candidates[0]!.slice('data:image/svg+xml;base64,'.length));
    expect(svg).to.contain('>AL</text>');
  });

  it('gravatar: the hash of the trimmed, lower-cased email, asking for a 404 so the next mode follows', async () => {
    const [gravatar, initials] = await fallbackCandidates(['gravatar', 'initials'], ada);
    expect(gravatar).to.equal(`https://www.gravatar.com/avatar/${await sha256Hex('ada@example.org')}?size=158&rating=g&default=404`);
    expect(initials).to.match(/^data:image\/svg\+xml;base64,/);
  });

  it('a URL template gets authentik’s %(mail_hash)s (md5) and %(username)s', async () => {
    const [url] = await fallbackCandidates(['https://avatars.example.org/identicon/%(mail_hash)s.png?u=%(username)s'], ada);
    const hash = '5bfcf2d8e394674550332640d72db509'; // md5 of "ada@example.org", from Python's hashlib
    expect(url).to.equal(`https://avatars.example.org/identicon/${hash}.png?u=ada`);
  });

  it('modes that need an email are skipped without one; none ends the list', async () => {
    const noMail = { ...ada, email: '' };
    expect(await fallbackCandidates(['gravatar', 'https://x.example/%(mail_hash)s'], noMail)).to.deep.equal([]);
    expect(await fallbackCandidates(['none', 'initials'], ada)).to.deep.equal([]);
  });

  it('initials never carry markup from a name', () => {
    const svg = atob(initialsAvatar({ username: 'x', name: '<b>ob &amp;', email: '' }).split(',')[1]!);
    expect(svg).to.not.contain('<b');
    expect(svg).to.match(/fill="#fff"><\/text><\/svg>$/);
  });
});
