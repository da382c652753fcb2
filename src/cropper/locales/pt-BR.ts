import type { Strings } from '../strings.ts';

export const ptBR: Strings = {
  chooseImage: 'Escolher uma imagem',
  takePhoto: 'Tirar uma foto',
  dropHint: 'ou arraste ou cole uma aqui',
  preparing: 'Preparando a imagem…',
  saving: 'Salvando…',
  cropArea: 'Área de corte',
  imageToCrop: 'A imagem sendo recortada',
  cropAreaHelp:
    'Arraste o quadrado ou mova-o com as setas (Shift: passos maiores). + e − ajustam o zoom, R gira para a ' +
    'direita, Shift+R para a esquerda, F espelha, 0 redefine. Enter confirma, Esc cancela.',
  zoom: 'Zoom',
  rotateLeft: 'Girar para a esquerda',
  rotateRight: 'Girar para a direita',
  flip: 'Espelhar horizontalmente',
  reset: 'Redefinir',
  status: 'Zoom {0}, rotação {1}',
  mirrored: '(espelhada)',
  confirm: 'Confirmar',
  cancel: 'Cancelar',
  preview: 'Prévia do novo avatar',
  change: 'Alterar',
  remove: 'Remover',
  retry: 'Escolher outra imagem',
  required: 'Escolha uma imagem de avatar.',
  animated: 'Esta imagem é animada: só o primeiro quadro é usado.',
  upload: 'Enviar sem recortar (o servidor vai centralizá-la)',
  uploaded: '{0} será enviado como está; o servidor vai centralizá-lo.',
  tooManyPixels: 'Esta imagem é grande demais: {0} megapixels (no máximo {1}).',
  errors: {
    'not-an-image': 'Este arquivo não é uma imagem.',
    'type-not-allowed': 'Este tipo de imagem não é permitido aqui.',
    'too-large': 'Este arquivo é grande demais: {0} (no máximo {1}).',
    'decode-failed': 'Não foi possível ler esta imagem. Ela pode estar danificada ou incompleta.',
    'unsupported-format':
      'Este navegador não consegue ler este formato de imagem (por exemplo, HEIC), então não é possível recortá-la aqui.',
    'encode-failed': 'Não foi possível salvar a imagem recortada.',
  },
};
