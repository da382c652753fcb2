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
  /** After a save (or a removal) on a page authentik does not reload: user settings. */
  saved: string;
  avatarOf: string;
}

const en: BridgeStrings = {
  change: 'Change avatar',
  remove: 'Remove',
  undo: 'Undo',
  close: 'Close',
  current: 'Your current avatar.',
  none: 'You have no avatar of your own yet.',
  pending: 'New avatar: saved when you submit.',
  removed: "Your avatar will be removed when you submit this form.",
  saved: 'Saved: this is your new avatar. Reload to see it everywhere.',
  avatarOf: 'Avatar preview',
};

const de: BridgeStrings = {
  change: 'Avatar ändern',
  remove: 'Entfernen',
  undo: 'Rückgängig',
  close: 'Schließen',
  current: 'Dein aktueller Avatar.',
  none: 'Du hast noch keinen eigenen Avatar.',
  pending: 'Neuer Avatar: wird beim Absenden gespeichert.',
  removed: "Dein Avatar wird beim Absenden entfernt.",
  saved: 'Gespeichert. Neu laden, um es überall zu sehen.',
  avatarOf: 'Avatar-Vorschau',
};

const fr: BridgeStrings = {
  change: "Changer d'avatar",
  remove: 'Supprimer',
  undo: 'Annuler',
  close: 'Fermer',
  current: 'Votre avatar actuel.',
  none: 'Vous n’avez pas encore d’avatar.',
  pending: "Nouvel avatar : enregistré à l'envoi.",
  removed: "Votre avatar sera supprimé à l'envoi.",
  saved: 'Enregistré. Rechargez pour le voir partout.',
  avatarOf: "Aperçu de l'avatar",
};

const es: BridgeStrings = {
  change: 'Cambiar avatar',
  remove: 'Quitar',
  undo: 'Deshacer',
  close: 'Cerrar',
  current: 'Tu avatar actual.',
  none: 'Todavía no tienes un avatar propio.',
  pending: 'Nuevo avatar: se guarda al enviar.',
  removed: "Tu avatar se quitará al enviar.",
  saved: 'Guardado. Recarga para verlo en todas partes.',
  avatarOf: 'Vista previa del avatar',
};

const it: BridgeStrings = {
  change: 'Cambia avatar',
  remove: 'Rimuovi',
  undo: 'Annulla',
  close: 'Chiudi',
  current: 'Il tuo avatar attuale.',
  none: 'Non hai ancora un avatar tuo.',
  pending: 'Nuovo avatar: salvato all’invio.',
  removed: "Il tuo avatar verrà rimosso all’invio.",
  saved: 'Salvato. Ricarica per vederlo ovunque.',
  avatarOf: 'Anteprima dell’avatar',
};

const nl: BridgeStrings = {
  change: 'Avatar wijzigen',
  remove: 'Verwijderen',
  undo: 'Ongedaan maken',
  close: 'Sluiten',
  current: 'Je huidige avatar.',
  none: 'Je hebt nog geen eigen avatar.',
  pending: 'Nieuwe avatar: opgeslagen bij versturen.',
  removed: "Je avatar wordt bij versturen verwijderd.",
  saved: 'Opgeslagen. Herlaad om het overal te zien.',
  avatarOf: 'Voorbeeld van de avatar',
};

const ptBR: BridgeStrings = {
  change: 'Alterar avatar',
  remove: 'Remover',
  undo: 'Desfazer',
  close: 'Fechar',
  current: 'Seu avatar atual.',
  none: 'Você ainda não tem um avatar próprio.',
  pending: 'Novo avatar: salvo ao enviar.',
  removed: "Seu avatar será removido ao enviar.",
  saved: 'Salvo. Recarregue para ver em todo lugar.',
  avatarOf: 'Prévia do avatar',
};

const zhHans: BridgeStrings = {
  change: '更换头像',
  remove: '移除',
  undo: '撤销',
  close: '关闭',
  current: '你当前的头像。',
  none: '你还没有自己的头像。',
  pending: '新头像：提交后保存。',
  removed: "提交后将移除你的头像。",
  saved: '已保存。重新加载后处处可见。',
  avatarOf: '头像预览',
};

const ja: BridgeStrings = {
  change: 'アバターを変更',
  remove: '削除',
  undo: '元に戻す',
  close: '閉じる',
  current: '現在のアバターです。',
  none: 'まだ自分のアバターがありません。',
  pending: '新しいアバター：送信すると保存されます。',
  removed: "送信するとアバターが削除されます。",
  saved: '保存しました。再読み込みで全体に反映されます。',
  avatarOf: 'アバターのプレビュー',
};

/** Tables by lower-cased language tag; a tag not listed falls back to its primary language. */
export const bridgeTables: Record<string, BridgeStrings> = { en, de, fr, es, it, nl, pt: ptBR, 'pt-br': ptBR, zh: zhHans, 'zh-hans': zhHans, 'zh-cn': zhHans, ja };

/** The table for a BCP 47 language tag: exact tag, then its primary language; English when there is none. */
export function stringsFor(lang: string): BridgeStrings {
  const tag = lang.toLowerCase();
  return bridgeTables[tag] ?? bridgeTables[tag.split('-')[0] ?? ''] ?? en;
}
