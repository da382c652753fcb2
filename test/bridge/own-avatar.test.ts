/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import { avatarBaseOf } from '../../src/bridge/config.ts';
import { initialsAvatar } from '../../src/bridge/fallback-avatar.ts';
import { isOwnAvatar } from '../../src/bridge/own-avatar.ts';

const base = 'https://avatars.example.org/avatars/';
const identicon = 'https://avatars.example.org/identicon/0bc83cb571cd1c50ba6f3e8a78ef1346.png';

describe('telling an own avatar from the avatars setting’s fallback (users/me has no attributes)', () => {
  it('an avatar this endpoint serves is the user’s own', () => {
    expect(isOwnAvatar('https://avatars.example.org/avatars/0123456789abcdef0123456789abcdef.png', base, [identicon])).to.equal(true);
  });

  it('authentik’s initials (a data URI), gravatar and the configured identicon are not', () => {
    expect(isOwnAvatar(initialsAvatar({ username: 'jdoe', name: 'Jane Doe', email: '' }), base, [])).to.equal(false);
    expect(isOwnAvatar('https://secure.gravatar.com/avatar/abc?size=158&default=404', base, [])).to.equal(false);
    expect(isOwnAvatar(identicon, base, [identicon])).to.equal(false);
  });

  it('a picture set another way (the tutorial’s /media file) is their own, so Remove can clear it', () => {
    expect(isOwnAvatar('/media/user-avatars/jdoe.png', base, [identicon])).to.equal(true);
  });

  it('a bridge copied to authentik’s /static without data-avatars-url still sees an endpoint avatar as own', () => {
    const wrongBase = avatarBaseOf(undefined, 'https://auth.example.org/static/dist/custom/bridge.js');
    expect(isOwnAvatar('https://avatars.example.org/avatars/0123456789abcdef0123456789abcdef.png', wrongBase, [identicon])).to.equal(true);
    expect(isOwnAvatar(identicon, wrongBase, [identicon])).to.equal(false);
  });

  it('an avatar URL on the endpoint’s origin but outside /avatars/ is not mistaken for an upload', () => {
    expect(isOwnAvatar('https://avatars.example.org/avatarsX/evil.png', base, ['https://avatars.example.org/avatarsX/evil.png'])).to.equal(false);
    expect(isOwnAvatar('javascript:alert(1)', base, [])).to.equal(false);
  });

  it('finds the avatar path from the endpoint’s public URL or from where the bridge was loaded', () => {
    expect(avatarBaseOf('https://avatars.example.org', 'https://auth.example.org/static/dist/custom/bridge.js')).to.equal(base);
    expect(avatarBaseOf('https://example.org/pics/', 'https://x/bridge.js')).to.equal('https://example.org/pics/avatars/');
    expect(avatarBaseOf(undefined, 'https://avatars.example.org/bridge.js')).to.equal(base);
  });
});
