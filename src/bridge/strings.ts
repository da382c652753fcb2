/** The bridge's own text. The cropper inside it has its own table. */
export interface BridgeStrings {
  change: string;
  remove: string;
  undo: string;
  close: string;
  current: string;
  none: string;
  pending: string;
  removed: string;
  avatarOf: string;
}

const en: BridgeStrings = {
  change: 'Change avatar',
  remove: 'Remove',
  undo: 'Undo',
  close: 'Close',
  current: 'Your current avatar.',
  none: 'You have no avatar of your own yet; others see this one.',
  pending: 'New avatar: it is saved when you submit this form.',
  removed: 'Your avatar is removed when you submit this form; others will see this one instead.',
  avatarOf: 'Avatar preview',
};

const de: BridgeStrings = {
  change: 'Avatar ändern',
  remove: 'Entfernen',
  undo: 'Rückgängig',
  close: 'Schließen',
  current: 'Dein aktueller Avatar.',
  none: 'Du hast noch keinen eigenen Avatar; andere sehen diesen.',
  pending: 'Neuer Avatar: Er wird gespeichert, wenn du dieses Formular absendest.',
  removed: 'Dein Avatar wird beim Absenden entfernt; andere sehen dann diesen.',
  avatarOf: 'Avatar-Vorschau',
};

const fr: BridgeStrings = {
  change: "Changer d'avatar",
  remove: 'Supprimer',
  undo: 'Annuler',
  close: 'Fermer',
  current: 'Votre avatar actuel.',
  none: "Vous n'avez pas encore d'avatar ; les autres voient celui-ci.",
  pending: "Nouvel avatar : il sera enregistré à l'envoi de ce formulaire.",
  removed: "Votre avatar sera supprimé à l'envoi de ce formulaire ; les autres verront celui-ci.",
  avatarOf: "Aperçu de l'avatar",
};

const tables: Record<string, BridgeStrings> = { en, de, fr };

/** The table for a BCP 47 language tag, by its primary language; English when there is none. */
export function stringsFor(lang: string): BridgeStrings {
  return tables[lang.toLowerCase().split('-')[0] ?? ''] ?? en;
}
