import type { Strings } from '../strings.ts';

export const de: Strings = {
  chooseImage: 'Bild auswählen',
  takePhoto: 'Foto aufnehmen',
  dropHint: 'oder hierher ziehen bzw. einfügen',
  preparing: 'Bild wird vorbereitet…',
  saving: 'Wird gespeichert…',
  cropArea: 'Zuschnittbereich',
  imageToCrop: 'Das zuzuschneidende Bild',
  cropAreaHelp:
    'Quadrat ziehen oder mit den Pfeiltasten verschieben (Umschalt: größere Schritte). + und − zoomen, R dreht ' +
    'nach rechts, Umschalt+R nach links, F spiegelt, 0 setzt zurück. Eingabe übernimmt, Esc bricht ab.',
  zoom: 'Zoom',
  rotateLeft: 'Nach links drehen',
  rotateRight: 'Nach rechts drehen',
  flip: 'Horizontal spiegeln',
  reset: 'Zurücksetzen',
  status: 'Zoom {0}, Drehung {1}',
  mirrored: '(gespiegelt)',
  confirm: 'Übernehmen',
  cancel: 'Abbrechen',
  preview: 'Vorschau des neuen Avatars',
  change: 'Ändern',
  remove: 'Entfernen',
  retry: 'Anderes Bild auswählen',
  required: 'Bitte ein Avatarbild auswählen.',
  animated: 'Dieses Bild ist animiert; verwendet wird nur das erste Einzelbild.',
  upload: 'Unbeschnitten hochladen (der Server zentriert es)',
  uploaded: '{0} wird unverändert hochgeladen; der Server zentriert es.',
  tooManyPixels: 'Dieses Bild ist zu groß: {0} Megapixel (höchstens {1}).',
  errors: {
    'not-an-image': 'Diese Datei ist kein Bild.',
    'type-not-allowed': 'Dieses Bildformat ist hier nicht erlaubt.',
    'too-large': 'Diese Datei ist zu groß: {0} (höchstens {1}).',
    'decode-failed': 'Dieses Bild konnte nicht gelesen werden. Es ist möglicherweise beschädigt oder unvollständig.',
    'unsupported-format':
      'Dieser Browser kann dieses Bildformat (z. B. HEIC) nicht lesen, daher kann es hier nicht zugeschnitten werden.',
    'encode-failed': 'Das zugeschnittene Bild konnte nicht gespeichert werden.',
  },
};
