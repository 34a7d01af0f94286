// The texts of attaching files (the form's success view and the status page's "Archivos"), in Spanish and English;
// web/i18n.ts carries them as `attachments` in each locale.

const es = {
  title: 'Archivos',
  label: 'Adjuntar archivos (opcional)',
  hint: 'Capturas de pantalla, PDF, texto, CSV o documentos de Office y OpenDocument: hasta {n} archivos más, de máximo 5 MB cada uno.',
  button: 'Subir archivos',
  choose: 'Elija al menos un archivo.',
  fix: 'No subimos nada: quite o cambie estos archivos e intente de nuevo.',
  tooMany: 'Eligió {chosen} archivos y esta solicitud admite {n} más.',
  tooBig: '{name}: pesa {size} y el máximo es 5 MB.',
  empty: '{name}: el archivo está vacío.',
  badType:
    '{name}: no se admite este tipo de archivo. Adjunte imágenes (PNG, JPG, GIF, WebP), PDF, texto, CSV o documentos de Office y OpenDocument.',
  preparing: 'Preparando la subida…',
  uploading: 'Subiendo {n} de {total}…',
  doneOne: 'Listo: se adjuntó 1 archivo.',
  doneOther: 'Listo: se adjuntaron {n} archivos.',
  refused: 'No se pudieron adjuntar los archivos: {reason}',
  partial:
    'Se subieron {done} de {total} archivos; {name} no se pudo subir. Intente de nuevo con los que faltan.',
  network:
    'No pudimos conectar con el servicio para subir los archivos. Revise su conexión e intente de nuevo.',
  full: 'Esta solicitud ya tiene el máximo de 5 archivos subidos.',
  fromYou: 'enviado por usted',
  fromMail: 'llegó por correo',
} as const;

type AttachmentWords = { readonly [K in keyof typeof es]: string };

const en: AttachmentWords = {
  title: 'Files',
  label: 'Attach files (optional)',
  hint: 'Screenshots, PDF, text, CSV or Office and OpenDocument documents: up to {n} more files, 5 MB each at most.',
  button: 'Upload files',
  choose: 'Choose at least one file.',
  fix: 'Nothing was uploaded: remove or replace these files and try again.',
  tooMany: 'You chose {chosen} files and this request takes {n} more.',
  tooBig: '{name}: it is {size} and the limit is 5 MB.',
  empty: '{name}: the file is empty.',
  badType:
    '{name}: this type of file is not accepted. Attach images (PNG, JPG, GIF, WebP), PDF, text, CSV or Office and OpenDocument documents.',
  preparing: 'Getting the upload ready…',
  uploading: 'Uploading {n} of {total}…',
  doneOne: 'Done: 1 file was attached.',
  doneOther: 'Done: {n} files were attached.',
  refused: 'The files could not be attached: {reason}',
  partial: '{done} of {total} files were uploaded; {name} could not be. Try again with the rest.',
  network: 'We could not reach the service to upload the files. Check your connection and try again.',
  full: 'This request already has the most uploaded files it can take (5).',
  fromYou: 'sent by you',
  fromMail: 'came by e-mail',
};

export const ATTACHMENT_WORDS = { es, en } as const;
