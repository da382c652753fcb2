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
  /** After a save on a page authentik does not reload (user settings). */
  saved: string;
  removedSaved: string;
  /** A submit while cropping, when the framing could not be confirmed. */
  confirmFailed: string;
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
  saved: "Saved: this is your new avatar. Other parts of this page show it after a reload.",
  removedSaved: "Your avatar was removed. Other parts of this page show it after a reload.",
  confirmFailed: "Your crop could not be confirmed, so nothing was saved. Press Confirm, or Close to keep your avatar.",
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
  saved: "Gespeichert: Das ist dein neuer Avatar. Andere Teile dieser Seite zeigen ihn nach dem Neuladen.",
  removedSaved: "Dein Avatar wurde entfernt. Andere Teile dieser Seite zeigen das nach dem Neuladen.",
  confirmFailed: "Dein Zuschnitt konnte nicht bestätigt werden, daher wurde nichts gespeichert. Drücke Bestätigen oder Schließen, um deinen Avatar zu behalten.",
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
  saved: "Enregistré : voici votre nouvel avatar. Les autres parties de cette page l'afficheront après un rechargement.",
  removedSaved: "Votre avatar a été supprimé. Les autres parties de cette page l'afficheront après un rechargement.",
  confirmFailed: "Votre recadrage n'a pas pu être confirmé, rien n'a été enregistré. Appuyez sur Confirmer, ou sur Fermer pour garder votre avatar.",
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
  saved: "Guardado: este es tu nuevo avatar. Otras partes de esta página lo mostrarán al recargarla.",
  removedSaved: "Tu avatar se quitó. Otras partes de esta página lo mostrarán al recargarla.",
  confirmFailed: "No se pudo confirmar tu recorte, así que no se guardó nada. Pulsa Confirmar, o Cerrar para conservar tu avatar.",
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
  saved: "Salvato: questo è il tuo nuovo avatar. Le altre parti della pagina lo mostrano dopo un ricaricamento.",
  removedSaved: "Il tuo avatar è stato rimosso. Le altre parti della pagina lo mostrano dopo un ricaricamento.",
  confirmFailed: "Non è stato possibile confermare il ritaglio, quindi non è stato salvato nulla. Premi Conferma, o Chiudi per tenere il tuo avatar.",
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
  saved: "Opgeslagen: dit is je nieuwe avatar. Andere delen van deze pagina tonen hem na herladen.",
  removedSaved: "Je avatar is verwijderd. Andere delen van deze pagina tonen dat na herladen.",
  confirmFailed: "Je uitsnede kon niet worden bevestigd, dus er is niets opgeslagen. Druk op Bevestigen, of op Sluiten om je avatar te houden.",
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
  saved: "Salvo: este é seu novo avatar. Outras partes desta página o mostram depois de recarregar.",
  removedSaved: "Seu avatar foi removido. Outras partes desta página mostram isso depois de recarregar.",
  confirmFailed: "Não foi possível confirmar o recorte, então nada foi salvo. Pressione Confirmar, ou Fechar para manter seu avatar.",
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
  saved: "已保存：这是你的新头像。页面其他部分在重新加载后显示。",
  removedSaved: "你的头像已移除。页面其他部分在重新加载后显示。",
  confirmFailed: "无法确认你的裁剪，因此未保存任何内容。请按“确认”，或按“关闭”保留你的头像。",
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
  saved: "保存しました：これが新しいアバターです。ページの他の部分には再読み込み後に表示されます。",
  removedSaved: "アバターを削除しました。ページの他の部分には再読み込み後に反映されます。",
  confirmFailed: "切り抜きを確定できなかったため、何も保存されていません。「確定」を押すか、「閉じる」でアバターをそのままにしてください。",
  avatarOf: 'アバターのプレビュー',
};

/** Tables by lower-cased language tag; a tag not listed falls back to its primary language. */
export const bridgeTables: Record<string, BridgeStrings> = { en, de, fr, es, it, nl, pt: ptBR, 'pt-br': ptBR, zh: zhHans, 'zh-hans': zhHans, 'zh-cn': zhHans, ja };

/** The table for a BCP 47 language tag: exact tag, then its primary language; English when there is none. */
export function stringsFor(lang: string): BridgeStrings {
  const tag = lang.toLowerCase();
  return bridgeTables[tag] ?? bridgeTables[tag.split('-')[0] ?? ''] ?? en;
}
