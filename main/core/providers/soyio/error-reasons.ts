// Soyio's error_reason values (the first error of a failed validation or authentication attempt; errors_array
// holds all of them), each explained in plain words for the integrating developer, in English and Spanish.
// Source: the 46 values of Soyio's webhook events page, in its order, plus document_sides_mismatch from the newer
// error-handling guide. The guide gives each value one short line; where that line leaves the meaning open, the
// text below says so and points to errors_array's detail and the Soyio dashboard instead of guessing.
import type { CodeExplanation, Localized } from '../types';

export const soyioErrorReasons = [
  'unknown',
  'facial_validation_error',
  'document_validation_error',
  'expiration_error',
  'enrollment',
  'age_above_threshold',
  'blurry_image',
  'data_not_match_with_government_database',
  'document_has_expired',
  'document_not_recognized',
  'document_unregistered',
  'front_document_not_found',
  'government_database_unavailable',
  'identity_belongs_to_dead_person',
  'invalid_or_corrupted_image_file',
  'missing_date_of_birth',
  'missing_document_number',
  'missing_expiration_date',
  'missing_gender',
  'missing_mrz',
  'missing_names',
  'missing_text',
  'ocr_no_text_detected',
  'underage',
  'fraudster_face_match_in_client_collection',
  'liveness_verification_not_passed',
  'no_face_detected',
  'passive_liveness_verification_not_passed',
  'photo_of_photo',
  'similarity_threshold_not_passed',
  'camera_permission_error',
  'damaged_document',
  'date_of_birth_does_not_match_with_photo',
  'document_is_a_photo_of_photo',
  'document_is_a_photocopy',
  'face_not_clear',
  'face_not_detected',
  'image_validation_not_passed',
  'incomplete_document',
  'invalid_format',
  'invalid_issue_date',
  'missing_issue_date',
  'missing_nationality',
  'possible_fraud',
  'reverse_document_not_found',
  'validations_failed',
  // Newer docs (disclosure error-handling guide), not on the 2024 events page.
  'document_sides_mismatch',
] as const;

export type SoyioErrorReason = (typeof soyioErrorReasons)[number];

const l = (en: string, es: string): Localized => ({ en, es });

/** For a data field the reader could not find on the document: a cleaner photo usually fixes it. */
const retakeForField = l(
  'Ask the user to retake the photo with the whole document in frame, on a flat surface in good light, without glare and without fingers over the text.',
  'Pide al usuario que repita la foto con el documento completo dentro del encuadre, sobre una superficie plana y con buena luz, sin reflejos y sin dedos sobre el texto.',
);

export const soyioErrorReasonExplanations: Record<SoyioErrorReason, CodeExplanation> = {
  unknown: {
    title: l('unknown error', 'error desconocido'),
    cause: l(
      'Soyio did not classify this failure: the attempt failed for a reason that has no specific value.',
      'Soyio no clasificó esta falla: el intento no se completó por un motivo que no tiene un valor específico.',
    ),
    nextStep: l(
      'Read the detail and message of each entry in errors_array and open the attempt in the Soyio dashboard; if nothing there explains it, contact Soyio support with the attempt id.',
      'Revisa los campos detail y message de cada elemento de errors_array y abre el intento en el panel de Soyio; si nada lo explica, contacta al soporte de Soyio con el id del intento.',
    ),
  },
  facial_validation_error: {
    title: l('facial validation error', 'error en la validación facial'),
    cause: l(
      'The face part of the check failed (the selfie, or its comparison with the document), and error_reason gives no more specific reason.',
      'Falló la parte facial de la verificación (la selfie o su comparación con el documento) y error_reason no indica un motivo más específico.',
    ),
    nextStep: l(
      'Look in errors_array for the entries of type facial, whose detail says what went wrong, and ask the user to retake the selfie facing the camera in even light.',
      'Busca en errors_array los elementos de tipo facial, cuyo detail explica qué salió mal, y pide al usuario que repita la selfie mirando de frente a la cámara, con luz pareja.',
    ),
  },
  document_validation_error: {
    title: l('document validation error', 'error en la validación del documento'),
    cause: l(
      'The check of the identity document failed, and error_reason gives no more specific reason.',
      'Falló la revisión del documento de identidad y error_reason no indica un motivo más específico.',
    ),
    nextStep: l(
      'Look in errors_array for the entries of type document, whose detail names the problem (image quality, unreadable data, expiry), and ask the user to photograph the document again accordingly.',
      'Busca en errors_array los elementos de tipo document, cuyo detail indica el problema (calidad de imagen, datos ilegibles, vencimiento), y pide al usuario que vuelva a fotografiar el documento según corresponda.',
    ),
  },
  expiration_error: {
    title: l('validation expired', 'la validación expiró'),
    cause: l(
      "Soyio's error list describes this as the validation itself expiring, most likely because the user did not finish the flow in the time allowed. It is not about the document's expiry date, which has its own value, document_has_expired.",
      'La lista de errores de Soyio lo describe como la expiración de la propia validación, lo más probable porque el usuario no terminó el flujo en el tiempo permitido. No se refiere al vencimiento del documento, que tiene su propio valor, document_has_expired.',
    ),
    nextStep: l(
      'Start a new validation for the user; if it keeps happening, check the detail in errors_array and the attempt in the Soyio dashboard to see which step ran out of time.',
      'Inicia una nueva validación para el usuario; si se repite, revisa el detail en errors_array y el intento en el panel de Soyio para ver en qué paso se agotó el tiempo.',
    ),
  },
  enrollment: {
    title: l('enrollment failed', 'falló la inscripción'),
    cause: l(
      "Soyio could not enroll the user, that is, register their identity; the value does not say which step of the enrollment went wrong.",
      'Soyio no logró inscribir al usuario, es decir, registrar su identidad; el valor no indica en qué paso se produjo el problema.',
    ),
    nextStep: l(
      'Check the detail and message in errors_array and the attempt in the Soyio dashboard before retrying, then let the user start the validation again.',
      'Revisa el detail y el message en errors_array y el intento en el panel de Soyio antes de reintentar; luego deja que el usuario vuelva a iniciar la validación.',
    ),
  },
  age_above_threshold: {
    title: l('age above the allowed maximum', 'edad sobre el máximo permitido'),
    cause: l(
      'The age calculated from the date of birth on the document is above the maximum age accepted. This is a policy outcome, not a technical error, although an implausible age can also come from a misread date of birth.',
      'La edad calculada a partir de la fecha de nacimiento del documento supera la edad máxima aceptada. Es un resultado de las reglas de aceptación, no un error técnico, aunque una edad inverosímil también puede deberse a una fecha de nacimiento mal leída.',
    ),
    nextStep: l(
      'Compare the detail in errors_array with the date of birth shown in the Soyio dashboard; if it was misread, let the user retry with a sharper photo, otherwise treat it as a policy decision and do not retry.',
      'Compara el detail en errors_array con la fecha de nacimiento que muestra el panel de Soyio; si se leyó mal, deja que el usuario reintente con una foto más nítida; si no, trátalo como una decisión de política y no reintentes.',
    ),
  },
  blurry_image: {
    title: l('blurry image', 'imagen borrosa'),
    cause: l(
      'The photo was too blurry to read, usually because the camera moved or did not manage to focus.',
      'La foto salió demasiado borrosa para poder leerla, normalmente porque la cámara se movió o no alcanzó a enfocar.',
    ),
    nextStep: l(
      'Ask the user to retake the photo on a flat surface in good light, without glare, holding the phone still until the image looks sharp.',
      'Pide al usuario que repita la foto sobre una superficie plana, con buena luz y sin reflejos, manteniendo el teléfono quieto hasta que la imagen se vea nítida.',
    ),
  },
  data_not_match_with_government_database: {
    title: l('data does not match government records', 'los datos no coinciden con el registro oficial'),
    cause: l(
      'The data read from the document, such as the name, the number or the dates, differs from what the government database holds for that person.',
      'Los datos leídos del documento, como el nombre, el número o las fechas, difieren de lo que la base de datos del gobierno tiene para esa persona.',
    ),
    nextStep: l(
      'Ask the user to validate with their most recent valid document, since an old or replaced one may no longer match the records; if it persists, review the attempt manually, because it can also point to an altered document.',
      'Pide al usuario que valide con su documento vigente más reciente, ya que uno antiguo o reemplazado puede haber dejado de coincidir con el registro; si persiste, revisa el intento manualmente, porque también puede indicar un documento adulterado.',
    ),
  },
  document_has_expired: {
    title: l('document has expired', 'documento vencido'),
    cause: l(
      'The expiry date printed on the document has passed, so it can no longer be used to prove identity.',
      'La fecha de vencimiento impresa en el documento ya pasó, por lo que ya no sirve para acreditar la identidad.',
    ),
    nextStep: l(
      'Tell the user to validate with a document that is still in force, for example a renewed ID card or a valid passport.',
      'Indica al usuario que valide con un documento vigente, por ejemplo su cédula renovada o un pasaporte válido.',
    ),
  },
  document_not_recognized: {
    title: l('document not recognized', 'documento no reconocido'),
    cause: l(
      'The image was not identified as a supported identity document: it may be a type or version of document that is not accepted, or not an identity document at all.',
      'La imagen no se identificó como un documento de identidad admitido: puede ser un tipo o una versión de documento que no se acepta, o algo que ni siquiera es un documento de identidad.',
    ),
    nextStep: l(
      'Check which document types and countries your Soyio configuration accepts, and ask the user to photograph one of those, entirely inside the frame.',
      'Revisa qué tipos de documento y países acepta tu configuración de Soyio y pide al usuario que fotografíe uno de ellos, completo dentro del encuadre.',
    ),
  },
  document_unregistered: {
    title: l('document not in official records', 'documento no registrado'),
    cause: l(
      'The document, or the person it belongs to, was not found in the government records used for the check.',
      'El documento, o la persona a la que pertenece, no aparece en los registros del gobierno que se usan para la verificación.',
    ),
    nextStep: l(
      'Ask the user to try again with their current, officially issued document; if it is still not found, review the attempt manually before accepting the user any other way.',
      'Pide al usuario que lo intente de nuevo con su documento vigente emitido oficialmente; si sigue sin aparecer, revisa el intento manualmente antes de aceptar al usuario por otra vía.',
    ),
  },
  front_document_not_found: {
    title: l('front of the document not found', 'no se encontró el frente del documento'),
    cause: l(
      'The image meant for the front did not show the front side of an identity document, for example because the back was photographed twice or the document was out of frame.',
      'La imagen destinada al anverso no mostraba el frente de un documento de identidad, por ejemplo porque se fotografió dos veces el reverso o el documento quedó fuera del encuadre.',
    ),
    nextStep: l(
      "Ask the user to photograph the side with the holder's photo and name first, with the whole document visible inside the frame.",
      'Pide al usuario que fotografíe primero el lado con la foto y el nombre del titular, con todo el documento visible dentro del encuadre.',
    ),
  },
  government_database_unavailable: {
    title: l('government database unavailable', 'registro oficial no disponible'),
    cause: l(
      "The government database used to check the document could not be reached at the time of the attempt. This is a temporary problem on the registry's side, not the user's.",
      'No se pudo consultar la base de datos del gobierno con la que se verifica el documento en el momento del intento. Es un problema temporal del registro, no del usuario.',
    ),
    nextStep: l(
      'Let the user retry later, after a few minutes, without asking them to change anything; if it lasts for hours, contact Soyio support.',
      'Deja que el usuario reintente más tarde, tras unos minutos, sin pedirle que cambie nada; si se prolonga por horas, contacta al soporte de Soyio.',
    ),
  },
  identity_belongs_to_dead_person: {
    title: l('identity belongs to a deceased person', 'identidad de una persona fallecida'),
    cause: l(
      "Government records list the holder of this identity as deceased: either someone is using a dead person's identity, or the record itself is wrong.",
      'Según los registros del gobierno, el titular de esta identidad figura como fallecido: o alguien está usando la identidad de una persona fallecida, o el propio registro tiene un error.',
    ),
    nextStep: l(
      'Do not retry automatically: stop the flow and send the case to manual review by your compliance or fraud team.',
      'No reintentes automáticamente: detén el flujo y envía el caso a revisión manual de tu equipo de cumplimiento o de fraude.',
    ),
  },
  invalid_or_corrupted_image_file: {
    title: l('invalid or corrupted image file', 'archivo de imagen inválido o dañado'),
    cause: l(
      'The image received could not be opened: the upload arrived empty, truncated or in an unsupported format.',
      'No se pudo abrir la imagen recibida: el archivo llegó vacío, incompleto o en un formato no admitido.',
    ),
    nextStep: l(
      'If your app uploads the images, check that it sends the complete file with the right encoding and content type; otherwise ask the user to capture the photo again, ideally on a stable connection.',
      'Si tu aplicación sube las imágenes, verifica que envíe el archivo completo con la codificación y el tipo de contenido correctos; si no, pide al usuario que vuelva a tomar la foto, idealmente con una conexión estable.',
    ),
  },
  missing_date_of_birth: {
    title: l('date of birth unreadable', 'no se pudo leer la fecha de nacimiento'),
    cause: l(
      'The date of birth could not be read from the document, usually because that area was blurred, covered or hidden by glare.',
      'No se pudo leer la fecha de nacimiento en el documento, normalmente porque esa zona salió borrosa, tapada o con reflejos.',
    ),
    nextStep: retakeForField,
  },
  missing_document_number: {
    title: l('document number unreadable', 'no se pudo leer el número de documento'),
    cause: l(
      'The document number, which the verification needs, could not be read from the image; that area was probably blurred, covered or hidden by glare.',
      'No se pudo leer el número del documento, que la verificación necesita; esa zona probablemente salió borrosa, tapada o con reflejos.',
    ),
    nextStep: retakeForField,
  },
  missing_expiration_date: {
    title: l('expiry date unreadable', 'no se pudo leer la fecha de vencimiento'),
    cause: l(
      "The expiry date could not be read from the image, so the document's validity could not be confirmed.",
      'No se pudo leer la fecha de vencimiento en la imagen, así que no fue posible confirmar que el documento esté vigente.',
    ),
    nextStep: retakeForField,
  },
  missing_gender: {
    title: l('sex field unreadable', 'no se pudo leer el campo sexo'),
    cause: l(
      'The sex or gender field printed on the document could not be read, usually because the image was blurred, cut off or had glare over it.',
      'No se pudo leer el campo de sexo impreso en el documento, normalmente porque la imagen salió borrosa, cortada o con reflejos encima.',
    ),
    nextStep: retakeForField,
  },
  missing_mrz: {
    title: l('MRZ not found', 'no se encontró la MRZ'),
    cause: l(
      'The machine-readable zone, the two or three lines of capital letters and filler symbols at the bottom of passports and on the back of many ID cards, was not found or could not be read.',
      'No se encontró o no se pudo leer la zona de lectura mecánica (MRZ), las dos o tres líneas de mayúsculas y símbolos de relleno al pie de los pasaportes y en el reverso de muchas cédulas.',
    ),
    nextStep: l(
      'Ask the user to photograph the side that carries those lines (the back of most ID cards, the photo page of a passport), with every line fully visible and free of glare.',
      'Pide al usuario que fotografíe el lado que tiene esas líneas (el reverso en la mayoría de las cédulas, la página con la foto en el pasaporte), con todas ellas completas y sin reflejos.',
    ),
  },
  missing_names: {
    title: l('names unreadable', 'no se pudieron leer los nombres'),
    cause: l(
      "The holder's given names or surnames could not be read from the document, usually because the image was blurred, cut off or had glare over them.",
      'No se pudieron leer los nombres o apellidos del titular en el documento, normalmente porque la imagen salió borrosa, cortada o con reflejos encima.',
    ),
    nextStep: retakeForField,
  },
  missing_text: {
    title: l('expected text unreadable', 'falta texto en el documento'),
    cause: l(
      'Text that the document should carry could not be read from the image, so its data could not be extracted; the value does not say which part was missing.',
      'No se pudo leer parte del texto que el documento debería tener, así que no se pudieron extraer sus datos; el valor no indica qué parte faltó.',
    ),
    nextStep: l(
      'Check the detail in errors_array for what was missing, then ask the user to retake the photo with the whole document in frame, in good light and without glare.',
      'Revisa el detail en errors_array para saber qué faltó y luego pide al usuario que repita la foto con el documento completo en el encuadre, con buena luz y sin reflejos.',
    ),
  },
  ocr_no_text_detected: {
    title: l('no text found in the image', 'no se detectó texto en la imagen'),
    cause: l(
      'Text recognition found nothing readable in the image, which usually means it does not show a document at all (for example a selfie or a blank picture) or is far too dark or blurred.',
      'El reconocimiento de texto no encontró nada legible en la imagen, lo que suele significar que no muestra un documento (por ejemplo, una selfie o una foto en blanco) o que está demasiado oscura o borrosa.',
    ),
    nextStep: l(
      'Ask the user to photograph the document itself, filling most of the frame, in good light.',
      'Pide al usuario que fotografíe el documento en sí, ocupando la mayor parte del encuadre y con buena luz.',
    ),
  },
  underage: {
    title: l('user is under the minimum age', 'usuario menor de edad'),
    cause: l(
      'The date of birth on the document shows that the user is younger than the minimum age required. This is a policy outcome, not a technical error.',
      'La fecha de nacimiento del documento muestra que el usuario no alcanza la edad mínima exigida. Es un resultado de política, no un error técnico.',
    ),
    nextStep: l(
      'Do not ask the user to retry: tell them they cannot continue because of the age requirement, and make sure your flow handles this outcome gracefully.',
      'No le pidas que reintente: explícale que no puede continuar por el requisito de edad y asegúrate de que tu flujo contemple este resultado.',
    ),
  },
  fraudster_face_match_in_client_collection: {
    title: l('face matches a flagged fraudster', 'rostro coincide con un defraudador marcado'),
    cause: l(
      "The user's face matched one in the client collection, which by its name is your organization's own set of faces flagged as fraudulent.",
      'El rostro del usuario coincidió con uno de la colección del cliente, que según su nombre es el conjunto de rostros marcados como fraudulentos por tu propia organización.',
    ),
    nextStep: l(
      'Do not retry automatically and do not tell the user the exact reason; send the case to manual review and compare it with the flagged record in the Soyio dashboard.',
      'No reintentes automáticamente ni le digas al usuario el motivo exacto; envía el caso a revisión manual y compáralo con el registro marcado en el panel de Soyio.',
    ),
  },
  liveness_verification_not_passed: {
    title: l('liveness check not passed', 'prueba de vida no superada'),
    cause: l(
      'The check could not confirm that a real person was present in front of the camera; a photo, a screen, a video or a mask can cause this, and so can poor light or a face that moved out of frame.',
      'La prueba no pudo confirmar que hubiera una persona real frente a la cámara; puede deberse a una foto, una pantalla, un video o una máscara, pero también a poca luz o a que el rostro salió del encuadre.',
    ),
    nextStep: l(
      'Ask the user to try again themselves, facing the camera in good light, without a hat, sunglasses or mask; if it fails repeatedly, review the attempt manually.',
      'Pide al usuario que lo intente de nuevo él mismo, de frente a la cámara, con buena luz y sin gorro, lentes de sol ni mascarilla; si falla varias veces, revisa el intento manualmente.',
    ),
  },
  no_face_detected: {
    title: l('no face in the selfie', 'no se detectó un rostro'),
    cause: l(
      'No face could be found in the image taken by the camera, usually because it was out of frame, too dark, or covered by a hat, sunglasses or a mask.',
      'No se encontró ningún rostro en la imagen tomada con la cámara, normalmente porque quedó fuera del encuadre, estaba muy oscura o lo tapaban un gorro, lentes de sol o una mascarilla.',
    ),
    nextStep: l(
      'Ask the user to hold the phone at eye level with their whole face inside the frame, in good light, and to remove anything that covers it.',
      'Pide al usuario que sostenga el teléfono a la altura de los ojos, con toda la cara dentro del encuadre y buena luz, y que se quite lo que la cubra.',
    ),
  },
  passive_liveness_verification_not_passed: {
    title: l('passive liveness check not passed', 'prueba de vida pasiva no superada'),
    cause: l(
      'The check that analyses the selfie itself, without asking the user to move, found signs that it was not a live person, such as a photo, a screen or a mask, or could not decide because of poor image quality.',
      'La prueba que analiza la propia selfie, sin pedirle movimientos al usuario, encontró indicios de que no era una persona real, como una foto, una pantalla o una máscara, o no pudo decidir por la mala calidad de la imagen.',
    ),
    nextStep: l(
      "Ask the user to take the selfie themselves with the phone's front camera, in even light and without filters; if it fails again, review the attempt manually.",
      'Pide al usuario que se tome la selfie él mismo con la cámara frontal del teléfono, con luz pareja y sin filtros; si vuelve a fallar, revisa el intento manualmente.',
    ),
  },
  photo_of_photo: {
    title: l('photo of a photo', 'foto de una foto'),
    cause: l(
      'The captured image was not live: it shows a printed picture or a screen instead of the real person or document in front of the camera.',
      'La imagen capturada no era en vivo: muestra una impresión o una pantalla en lugar de la persona o el documento reales frente a la cámara.',
    ),
    nextStep: l(
      'Ask the user to point the camera at themselves or at the physical document, not at a screen or a print; if it happens again, treat it as a possible fraud attempt and review it.',
      'Pide al usuario que apunte la cámara a sí mismo o al documento físico, no a una pantalla ni a una impresión; si se repite, trátalo como un posible intento de fraude y revísalo.',
    ),
  },
  similarity_threshold_not_passed: {
    title: l('face does not match', 'el rostro no coincide'),
    cause: l(
      'The face in the selfie was not close enough to the reference face: the portrait on the document or, for an authentication, the face recorded when the identity was validated.',
      'El rostro de la selfie no se parece lo suficiente al rostro de referencia: la foto del documento o, en una autenticación, el rostro registrado cuando se validó la identidad.',
    ),
    nextStep: l(
      "Ask the user to retry with a clear, front-facing selfie and a sharp photo of their own document; repeated failures can mean someone else's document is being used, so review those manually.",
      'Pide al usuario que reintente con una selfie clara y de frente y una foto nítida de su propio documento; si falla varias veces, podría estar usando el documento de otra persona, así que revísalo manualmente.',
    ),
  },
  camera_permission_error: {
    title: l('camera access denied', 'sin permiso para usar la cámara'),
    cause: l(
      'The browser or app was not allowed to use the camera, so no photo or selfie could be taken.',
      'El navegador o la aplicación no tenía permiso para usar la cámara, así que no se pudo tomar ninguna foto ni selfie.',
    ),
    nextStep: l(
      'Tell the user to allow camera access in the browser or app settings and start again; if you embed the flow in a WebView or an iframe, make sure your app passes the camera permission on to it.',
      'Indica al usuario que permita el acceso a la cámara en la configuración del navegador o de la aplicación y vuelva a empezar; si integras el flujo en un WebView o un iframe, asegúrate de que tu aplicación le conceda el permiso de cámara.',
    ),
  },
  damaged_document: {
    title: l('damaged document', 'documento dañado'),
    cause: l(
      'The document is too worn or broken to validate: cracks, peeling laminate, faded print or missing pieces hide its data or security features.',
      'El documento está demasiado deteriorado para validarlo: grietas, lámina despegada, impresión desteñida o partes faltantes ocultan sus datos o elementos de seguridad.',
    ),
    nextStep: l(
      'Ask the user to use another valid document in good condition; if they have none, they will need to get this one replaced.',
      'Pide al usuario que use otro documento vigente en buen estado; si no tiene otro, tendrá que solicitar un reemplazo.',
    ),
  },
  date_of_birth_does_not_match_with_photo: {
    title: l('age does not fit the photo', 'la edad no concuerda con la foto'),
    cause: l(
      'The age that follows from the date of birth on the document does not fit the apparent age of the person in the photo.',
      'La edad que resulta de la fecha de nacimiento del documento no concuerda con la edad aparente de la persona en la foto.',
    ),
    nextStep: l(
      'Review the attempt manually in the Soyio dashboard: it can be a misread date, an old portrait, or a document that belongs to someone else.',
      'Revisa el intento manualmente en el panel de Soyio: puede tratarse de una fecha mal leída, de un retrato antiguo o de un documento que pertenece a otra persona.',
    ),
  },
  document_is_a_photo_of_photo: {
    title: l('document shot from a photo or screen', 'documento fotografiado desde otra foto o pantalla'),
    cause: l(
      'The picture of the document was taken from another picture or from a screen, not from the physical document.',
      'La imagen del documento se tomó de otra imagen o de una pantalla, no del documento físico.',
    ),
    nextStep: l(
      'Ask the user to photograph the original physical document directly; if it happens again, treat the attempt as suspicious and review it manually.',
      'Pide al usuario que fotografíe directamente el documento original; si se repite, considera el intento sospechoso y revísalo manualmente.',
    ),
  },
  document_is_a_photocopy: {
    title: l('document is a photocopy', 'el documento es una fotocopia'),
    cause: l(
      'What was photographed is a paper copy of the document, a photocopy or a printout, rather than the original.',
      'Lo que se fotografió es una copia en papel del documento, una fotocopia o una impresión, y no el original.',
    ),
    nextStep: l(
      'Ask the user to photograph the original document itself; copies cannot prove identity, and repeated attempts with one deserve a manual review.',
      'Pide al usuario que fotografíe el documento original; las copias no sirven para acreditar la identidad, y los intentos repetidos con una merecen una revisión manual.',
    ),
  },
  face_not_clear: {
    title: l('face not clear', 'rostro poco nítido'),
    cause: l(
      'A face was found but was not sharp enough to compare: blurred, too dark, too small or partly covered. It can refer to the selfie or to the portrait on the document, which the type of the entry in errors_array tells apart.',
      'Se encontró un rostro, pero sin la nitidez suficiente para compararlo: borroso, muy oscuro, muy pequeño o parcialmente tapado. Puede referirse a la selfie o a la foto del documento, lo que se distingue por el type del elemento en errors_array.',
    ),
    nextStep: l(
      "Ask the user to retake the affected image in good light, holding the camera steady, with nothing covering the face or the document's portrait.",
      'Pide al usuario que repita la imagen afectada con buena luz y la cámara firme, sin nada que tape el rostro ni la foto del documento.',
    ),
  },
  face_not_detected: {
    title: l('face not detected', 'no se detectó el rostro'),
    cause: l(
      'No face was found in one of the images analysed: the selfie, or the portrait printed on the document. The type of the entry in errors_array (facial or document) tells which.',
      'No se encontró ningún rostro en una de las imágenes analizadas: la selfie o la foto impresa en el documento. El type del elemento en errors_array (facial o document) indica cuál.',
    ),
    nextStep: l(
      'For a document entry, ask for a new photo of the front with the portrait visible and free of glare; for a facial entry, ask for a selfie with the whole face in frame and in good light.',
      'Si el elemento es de tipo document, pide una nueva foto del frente con el retrato visible y sin reflejos; si es facial, pide una selfie con toda la cara en el encuadre y buena luz.',
    ),
  },
  image_validation_not_passed: {
    title: l('image check not passed', 'la imagen no superó la validación'),
    cause: l(
      "One of the images failed Soyio's automated checks of quality or authenticity; the value alone does not say which check.",
      'Una de las imágenes no superó los controles automáticos de calidad o autenticidad de Soyio; el valor por sí solo no indica cuál control.',
    ),
    nextStep: l(
      'Read the detail of each entry in errors_array to find the failing check, then ask the user to retake that image in good light, without edits, filters or screenshots.',
      'Lee el detail de cada elemento de errors_array para saber qué control falló y luego pide al usuario que repita esa imagen con buena luz, sin ediciones, filtros ni capturas de pantalla.',
    ),
  },
  incomplete_document: {
    title: l('document cut off in the photo', 'documento incompleto en la foto'),
    cause: l(
      'Part of the document was missing from the image: a corner or an edge was cut off, or fingers or objects covered it.',
      'Faltaba parte del documento en la imagen: quedó cortada una esquina o un borde, o lo tapaban dedos u objetos.',
    ),
    nextStep: l(
      'Ask the user to lay the document on a flat, plain surface and photograph it with all four corners visible and a small margin around it.',
      'Pide al usuario que apoye el documento sobre una superficie plana y lisa y lo fotografíe con las cuatro esquinas visibles y un pequeño margen alrededor.',
    ),
  },
  invalid_format: {
    title: l('invalid format', 'formato inválido'),
    cause: l(
      'Something submitted during the attempt was not in the shape Soyio expects; the value alone does not say whether it was a file, an image or a data field.',
      'Algo enviado durante el intento no tenía la forma que Soyio espera; el valor por sí solo no indica si fue un archivo, una imagen o un dato.',
    ),
    nextStep: l(
      'Check the detail and message in errors_array to see which input was rejected; if your integration sends files or data through the API, compare them with the Soyio API reference.',
      'Revisa el detail y el message en errors_array para ver qué entrada se rechazó; si tu integración envía archivos o datos por la API, compáralos con la referencia de la API de Soyio.',
    ),
  },
  invalid_issue_date: {
    title: l('invalid issue date', 'fecha de emisión inválida'),
    cause: l(
      'The date of issue read from the document is not plausible, for example a date in the future, one after the expiry date or not a real calendar date, or it was misread.',
      'La fecha de emisión leída del documento no es plausible, por ejemplo una fecha futura, posterior al vencimiento o que no existe en el calendario, o bien se leyó mal.',
    ),
    nextStep: l(
      'Ask the user to retake the photo so the date is sharp; if it is read the same way again, review the document manually, since an impossible date can indicate tampering.',
      'Pide al usuario que repita la foto para que la fecha se vea nítida; si se vuelve a leer igual, revisa el documento manualmente, porque una fecha imposible puede indicar una adulteración.',
    ),
  },
  missing_issue_date: {
    title: l('issue date unreadable', 'no se pudo leer la fecha de emisión'),
    cause: l(
      'The date of issue could not be read from the document, usually because that area was blurred, covered or hidden by glare.',
      'No se pudo leer la fecha de emisión en el documento, normalmente porque esa zona salió borrosa, tapada o con reflejos.',
    ),
    nextStep: retakeForField,
  },
  missing_nationality: {
    title: l('nationality unreadable', 'no se pudo leer la nacionalidad'),
    cause: l(
      "The holder's nationality could not be read from the document, usually because that area was blurred, covered or hidden by glare.",
      'No se pudo leer la nacionalidad del titular en el documento, normalmente porque esa zona salió borrosa, tapada o con reflejos.',
    ),
    nextStep: retakeForField,
  },
  possible_fraud: {
    title: l('possible fraud', 'posible fraude'),
    cause: l(
      'Soyio found signs that the attempt may be fraudulent, such as a manipulated document or image, without naming a more specific reason.',
      'Soyio encontró indicios de que el intento puede ser fraudulento, como un documento o una imagen manipulados, sin señalar un motivo más específico.',
    ),
    nextStep: l(
      'Do not retry automatically and do not reveal the reason to the user; review the attempt manually in the Soyio dashboard, together with the detail in errors_array.',
      'No reintentes automáticamente ni le reveles el motivo al usuario; revisa el intento manualmente en el panel de Soyio, junto con el detail en errors_array.',
    ),
  },
  reverse_document_not_found: {
    title: l('back of the document not found', 'no se encontró el reverso del documento'),
    cause: l(
      'The image meant for the back did not show the back side of an identity document: the front may have been photographed twice, or the back was out of frame.',
      'La imagen destinada al reverso no mostraba la parte trasera de un documento de identidad: puede que se fotografiara dos veces el frente o que el reverso quedara fuera del encuadre.',
    ),
    nextStep: l(
      'Ask the user to turn the document over and photograph the back, with the whole document inside the frame.',
      'Pide al usuario que dé vuelta el documento y fotografíe la parte de atrás, con todo el documento dentro del encuadre.',
    ),
  },
  validations_failed: {
    title: l('one or more checks failed', 'fallaron una o más validaciones'),
    cause: l(
      'A summary value: one or more checks of the attempt did not pass, and the value itself does not say which ones.',
      'Es un valor de resumen: uno o más controles del intento no se superaron, y el valor por sí solo no dice cuáles.',
    ),
    nextStep: l(
      'Read errors_array, which lists every failing check with its detail, and act on those entries; the Soyio dashboard shows the same attempt.',
      'Lee errors_array, que enumera cada control fallido con su detail, y actúa según esos elementos; el panel de Soyio muestra el mismo intento.',
    ),
  },
  document_sides_mismatch: {
    title: l('document sides do not match', 'el frente y el reverso no coinciden'),
    cause: l(
      "The data on the front and on the back disagree, which usually means the two photos come from different documents, for example an old and a new card, or two people's cards.",
      'Los datos del frente y del reverso no concuerdan, lo que suele significar que las dos fotos corresponden a documentos distintos, por ejemplo una cédula antigua y una nueva, o las de dos personas.',
    ),
    nextStep: l(
      'Ask the user to photograph both sides of the same document again; if the mismatch persists, review it manually, as combining the sides of different documents is a known fraud technique.',
      'Pide al usuario que vuelva a fotografiar ambos lados del mismo documento; si la diferencia persiste, revísalo manualmente, ya que combinar lados de documentos distintos es una técnica de fraude conocida.',
    ),
  },
};
