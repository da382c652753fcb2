import type { Strings } from '../strings.ts';

export const es: Strings = {
  chooseImage: 'Elegir una imagen',
  takePhoto: 'Hacer una foto',
  dropHint: 'o arrástrala o pégala aquí',
  preparing: 'Preparando la imagen…',
  saving: 'Guardando…',
  cropArea: 'Área de recorte',
  imageToCrop: 'La imagen que se está recortando',
  cropAreaHelp:
    'Arrastra el cuadrado o muévelo con las flechas (Mayús: pasos más grandes). + y − hacen zoom, R gira a la ' +
    'derecha, Mayús+R a la izquierda, F voltea, 0 restablece. Intro confirma, Esc cancela.',
  zoom: 'Zoom',
  rotateLeft: 'Girar a la izquierda',
  rotateRight: 'Girar a la derecha',
  flip: 'Voltear horizontalmente',
  reset: 'Restablecer',
  status: 'Zoom {0}, rotación {1}',
  mirrored: '(volteada)',
  confirm: 'Confirmar',
  cancel: 'Cancelar',
  preview: 'Vista previa del nuevo avatar',
  change: 'Cambiar',
  remove: 'Quitar',
  retry: 'Elegir otra imagen',
  required: 'Elige una imagen de avatar.',
  animated: 'Esta imagen es animada: solo se usa el primer fotograma.',
  upload: 'Subirla sin recortar (el servidor la centrará)',
  uploaded: '{0} se subirá tal cual; el servidor lo centrará.',
  tooManyPixels: 'Esta imagen es demasiado grande: {0} megapíxeles (máximo {1}).',
  errors: {
    'not-an-image': 'Este archivo no es una imagen.',
    'type-not-allowed': 'Este tipo de imagen no está permitido aquí.',
    'too-large': 'Este archivo es demasiado grande: {0} (máximo {1}).',
    'decode-failed': 'No se pudo leer esta imagen. Puede que esté dañada o incompleta.',
    'unsupported-format':
      'Este navegador no puede leer este formato de imagen (por ejemplo, HEIC), así que no se puede recortar aquí.',
    'encode-failed': 'No se pudo guardar la imagen recortada.',
  },
};
