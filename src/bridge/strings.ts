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

const es: BridgeStrings = {
  change: 'Cambiar avatar',
  remove: 'Quitar',
  undo: 'Deshacer',
  close: 'Cerrar',
  current: 'Tu avatar actual.',
  none: 'Todavía no tienes un avatar propio; los demás ven este.',
  pending: 'Nuevo avatar: se guarda cuando envíes este formulario.',
  removed: 'Tu avatar se quitará al enviar este formulario; los demás verán este en su lugar.',
  avatarOf: 'Vista previa del avatar',
};

const it: BridgeStrings = {
  change: 'Cambia avatar',
  remove: 'Rimuovi',
  undo: 'Annulla',
  close: 'Chiudi',
  current: 'Il tuo avatar attuale.',
  none: 'Non hai ancora un avatar tuo; gli altri vedono questo.',
  pending: 'Nuovo avatar: viene salvato quando invii questo modulo.',
  removed: 'Il tuo avatar verrà rimosso all’invio di questo modulo; gli altri vedranno questo.',
  avatarOf: 'Anteprima dell’avatar',
};

const nl: BridgeStrings = {
  change: 'Avatar wijzigen',
  remove: 'Verwijderen',
  undo: 'Ongedaan maken',
  close: 'Sluiten',
  current: 'Je huidige avatar.',
  none: 'Je hebt nog geen eigen avatar; anderen zien deze.',
  pending: 'Nieuwe avatar: wordt opgeslagen wanneer je dit formulier verstuurt.',
  removed: 'Je avatar wordt verwijderd wanneer je dit formulier verstuurt; anderen zien dan deze.',
  avatarOf: 'Voorbeeld van de avatar',
};

const ptBR: BridgeStrings = {
  change: 'Alterar avatar',
  remove: 'Remover',
  undo: 'Desfazer',
  close: 'Fechar',
  current: 'Seu avatar atual.',
  none: 'Você ainda não tem um avatar próprio; os outros veem este.',
  pending: 'Novo avatar: ele será salvo quando você enviar este formulário.',
  removed: 'Seu avatar será removido ao enviar este formulário; os outros verão este no lugar.',
  avatarOf: 'Prévia do avatar',
};

const zhHans: BridgeStrings = {
  change: '更换头像',
  remove: '移除',
  undo: '撤销',
  close: '关闭',
  current: '你当前的头像。',
  none: '你还没有自己的头像；其他人看到的是这个。',
  pending: '新头像：提交此表单后保存。',
  removed: '提交此表单后将移除你的头像；其他人将看到这个。',
  avatarOf: '头像预览',
};

const ja: BridgeStrings = {
  change: 'アバターを変更',
  remove: '削除',
  undo: '元に戻す',
  close: '閉じる',
  current: '現在のアバターです。',
  none: 'まだ自分のアバターがありません。他の人にはこれが表示されます。',
  pending: '新しいアバター：このフォームを送信すると保存されます。',
  removed: 'このフォームを送信するとアバターが削除され、他の人にはこれが表示されます。',
  avatarOf: 'アバターのプレビュー',
};

/** Tables by lower-cased language tag; a tag not listed falls back to its primary language. */
export const bridgeTables: Record<string, BridgeStrings> = { en, de, fr, es, it, nl, pt: ptBR, 'pt-br': ptBR, zh: zhHans, 'zh-hans': zhHans, 'zh-cn': zhHans, ja };

/** The table for a BCP 47 language tag: exact tag, then its primary language; English when there is none. */
export function stringsFor(lang: string): BridgeStrings {
  const tag = lang.toLowerCase();
  return bridgeTables[tag] ?? bridgeTables[tag.split('-')[0] ?? ''] ?? en;
}
