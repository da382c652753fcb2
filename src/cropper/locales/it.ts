import type { Strings } from '../strings.ts';

export const it: Strings = {
  chooseImage: 'Scegli un’immagine',
  takePhoto: 'Scatta una foto',
  dropHint: 'oppure trascinala o incollala qui',
  preparing: 'Preparazione dell’immagine…',
  saving: 'Salvataggio…',
  cropArea: 'Area di ritaglio',
  imageToCrop: 'L’immagine da ritagliare',
  cropAreaHelp:
    'Trascina il quadrato o spostalo con i tasti freccia (Maiusc: passi più ampi). + e − regolano lo zoom, R ruota ' +
    'a destra, Maiusc+R a sinistra, F capovolge, 0 ripristina. Invio conferma, Esc annulla.',
  zoom: 'Zoom',
  rotateLeft: 'Ruota a sinistra',
  rotateRight: 'Ruota a destra',
  flip: 'Capovolgi orizzontalmente',
  reset: 'Ripristina',
  status: 'Zoom {0}, rotazione {1}',
  mirrored: '(specchiata)',
  confirm: 'Conferma',
  cancel: 'Annulla',
  preview: 'Anteprima del nuovo avatar',
  change: 'Cambia',
  remove: 'Rimuovi',
  retry: 'Scegli un’altra immagine',
  required: 'Scegli un’immagine per l’avatar.',
  animated: 'Questa immagine è animata: viene usato solo il primo fotogramma.',
  upload: 'Caricala senza ritaglio (il server la centrerà)',
  uploaded: '{0} verrà caricato così com’è; il server lo centrerà.',
  tooManyPixels: 'Questa immagine è troppo grande: {0} megapixel (al massimo {1}).',
  errors: {
    'not-an-image': 'Questo file non è un’immagine.',
    'type-not-allowed': 'Questo tipo di immagine non è consentito qui.',
    'too-large': 'Questo file è troppo grande: {0} (al massimo {1}).',
    'decode-failed': 'Impossibile leggere questa immagine. Potrebbe essere danneggiata o incompleta.',
    'unsupported-format':
      'Questo browser non riesce a leggere questo formato di immagine (ad esempio HEIC), quindi non è possibile ritagliarla qui.',
    'encode-failed': 'Impossibile salvare l’immagine ritagliata.',
  },
};
