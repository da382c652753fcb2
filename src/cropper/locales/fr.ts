import type { Strings } from '../strings.ts';

// French typography: a narrow no-break space (U+202F) before : ; ! ?
export const fr: Strings = {
  chooseImage: 'Choisir une image',
  takePhoto: 'Prendre une photo',
  dropHint: 'ou déposez-la ou collez-la ici',
  preparing: 'Préparation de l’image…',
  saving: 'Enregistrement…',
  cropArea: 'Zone de recadrage',
  imageToCrop: 'L’image à recadrer',
  cropAreaHelp:
    'Faites glisser le carré ou déplacez-le avec les flèches (Maj\u202f: pas plus grands). + et − zooment, R pivote ' +
    'à droite, Maj+R à gauche, F retourne, 0 réinitialise. Entrée valide, Échap annule.',
  zoom: 'Zoom',
  rotateLeft: 'Pivoter à gauche',
  rotateRight: 'Pivoter à droite',
  flip: 'Retourner horizontalement',
  reset: 'Réinitialiser',
  status: 'Zoom {0}, rotation {1}',
  mirrored: '(en miroir)',
  confirm: 'Valider',
  cancel: 'Annuler',
  preview: 'Aperçu du nouvel avatar',
  change: 'Changer',
  remove: 'Supprimer',
  retry: 'Choisir une autre image',
  required: 'Veuillez choisir une image d’avatar.',
  animated: 'Cette image est animée\u202f: seule la première image est utilisée.',
  upload: 'L’envoyer sans recadrage (le serveur la centrera)',
  uploaded: 'Le fichier {0} sera envoyé tel quel\u202f; le serveur le centrera.',
  tooManyPixels: 'Cette image est trop grande\u202f: {0}\u202fmégapixels (au maximum {1}).',
  errors: {
    'not-an-image': 'Ce fichier n’est pas une image.',
    'type-not-allowed': 'Ce type d’image n’est pas autorisé ici.',
    'too-large': 'Ce fichier est trop volumineux\u202f: {0} (au maximum {1}).',
    'decode-failed': 'Impossible de lire cette image. Elle est peut-être endommagée ou incomplète.',
    'unsupported-format':
      'Ce navigateur ne sait pas lire ce format d’image (par exemple HEIC)\u202f: impossible de la recadrer ici.',
    'encode-failed': 'Impossible d’enregistrer l’image recadrée.',
  },
};
