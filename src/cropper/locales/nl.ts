import type { Strings } from '../strings.ts';

export const nl: Strings = {
  chooseImage: 'Kies een afbeelding',
  takePhoto: 'Maak een foto',
  dropHint: 'of sleep of plak er hier een',
  preparing: 'Afbeelding voorbereiden…',
  saving: 'Opslaan…',
  cropArea: 'Bijsnijgebied',
  imageToCrop: 'De afbeelding die wordt bijgesneden',
  cropAreaHelp:
    'Sleep het vierkant of verplaats het met de pijltjestoetsen (Shift: grotere stappen). + en − zoomen, R draait ' +
    'naar rechts, Shift+R naar links, F spiegelt, 0 herstelt. Enter bevestigt, Escape annuleert.',
  zoom: 'Zoom',
  rotateLeft: 'Naar links draaien',
  rotateRight: 'Naar rechts draaien',
  flip: 'Horizontaal spiegelen',
  reset: 'Herstellen',
  status: 'Zoom {0}, rotatie {1}',
  mirrored: '(gespiegeld)',
  confirm: 'Bevestigen',
  cancel: 'Annuleren',
  preview: 'Voorbeeld van de nieuwe avatar',
  change: 'Wijzigen',
  remove: 'Verwijderen',
  retry: 'Kies een andere afbeelding',
  required: 'Kies een avatarafbeelding.',
  animated: 'Deze afbeelding is geanimeerd: alleen het eerste frame wordt gebruikt.',
  upload: 'Zonder bijsnijden uploaden (de server centreert de afbeelding)',
  uploaded: '{0} wordt ongewijzigd geüpload; de server centreert de afbeelding.',
  tooManyPixels: 'Deze afbeelding is te groot: {0} megapixel (maximaal {1}).',
  errors: {
    'not-an-image': 'Dit bestand is geen afbeelding.',
    'type-not-allowed': 'Dit soort afbeelding is hier niet toegestaan.',
    'too-large': 'Dit bestand is te groot: {0} (maximaal {1}).',
    'decode-failed': 'Deze afbeelding kan niet worden gelezen. Mogelijk is ze beschadigd of onvolledig.',
    'unsupported-format':
      'Deze browser kan dit afbeeldingsformaat (bijvoorbeeld HEIC) niet lezen, dus het kan hier niet worden bijgesneden.',
    'encode-failed': 'De bijgesneden afbeelding kan niet worden opgeslagen.',
  },
};
