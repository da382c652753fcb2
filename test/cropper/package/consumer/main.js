// Written as a person using the package would: bare imports, resolved by Vite through its `exports`.
import { AvatarCropper, en } from 'authentik-avatars';
import manifest from 'authentik-avatars/custom-elements.json';

const form = document.querySelector('#profile');
const submits = [];
form.addEventListener('submit', (event) => {
  event.preventDefault();
  const avatar = new FormData(form, event.submitter).get('avatar');
  submits.push({ submitter: event.submitter?.id ?? null, type: avatar?.type ?? null, size: avatar?.size ?? 0 });
});

window.packed = {
  defined: customElements.get('avatar-cropper') === AvatarCropper,
  confirmLabel: en.confirm,
  tags: manifest.modules.flatMap((module) => (module.declarations ?? []).map((declaration) => declaration.tagName).filter(Boolean)),
  submits,
};
