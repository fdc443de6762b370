// LOX24's numeric codes with display names and plain-words explanations (English and Spanish):
// the status of a verify code, of its history entries and of one channel step (0, 5, 10, 20, 100), and the
// dlr_code of an sms.delivery report (0, 1, 2, 4, 8, 16). Source: doc.lox24.eu (verify codes, SMS DLR codes).
import type { CodeExplanation, Localized } from '../types';

/** A code's display name ("Failed") and what it means. */
export interface Lox24Code extends CodeExplanation {
  name: string;
}

export type Lox24Status = 0 | 5 | 10 | 20 | 100;
export type Lox24DlrCode = 0 | 1 | 2 | 4 | 8 | 16;

const l = (en: string, es: string): Localized => ({ en, es });

export const lox24Statuses: Readonly<Record<Lox24Status, Lox24Code>> = {
  0: {
    name: 'New',
    title: l('not started yet', 'aún sin procesar'),
    cause: l(
      'LOX24 has accepted the verify code, or this channel step, but has not started sending it yet.',
      'LOX24 ya aceptó el código de verificación, o este paso del canal, pero todavía no empieza a enviarlo.',
    ),
    nextStep: l(
      'No action needed: wait for the following events; if it stays like this for minutes, fetch the code with GET /verify_codes/{id} and check your LOX24 account.',
      'No hace falta hacer nada: espera los siguientes eventos; si se queda así varios minutos, consulta el código con GET /verify_codes/{id} y revisa tu cuenta de LOX24.',
    ),
  },
  5: {
    name: 'In progress',
    title: l('delivery under way', 'envío en curso'),
    cause: l(
      'LOX24 is working through the routing strategy: a channel is sending the code or waiting for its confirmation, and later channels may still be tried.',
      'LOX24 está recorriendo la estrategia de enrutamiento: un canal está enviando el código o esperando su confirmación, y aún pueden intentarse los canales siguientes.',
    ),
    nextStep: l(
      'Wait for a success or failure event before showing the user an error; a failed channel while the verify code is still under way means LOX24 is falling back to the next channel.',
      'Espera un evento de éxito o de fallo antes de mostrarle un error al usuario; si un canal falla mientras el código sigue en curso, LOX24 está pasando al siguiente canal.',
    ),
  },
  10: {
    name: 'Success',
    title: l('code delivered', 'código entregado'),
    cause: l(
      'The code was delivered: Telegram confirmed delivery within the timeout, the voice call was picked up, or the mobile network accepted the SMS. delivered_channel names the channel.',
      'El código se entregó: Telegram confirmó la entrega dentro del tiempo límite, alguien contestó la llamada de voz o la red móvil aceptó el SMS. delivered_channel indica el canal.',
    ),
    nextStep: l(
      'No action needed; keep in mind that this status reports delivery, not whether the user has typed the code correctly.',
      'No hace falta hacer nada; ten en cuenta que este estado informa la entrega, no si el usuario ingresó el código correctamente.',
    ),
  },
  20: {
    name: 'Failed',
    title: l('delivery failed', 'falló la entrega'),
    cause: l(
      'The channel could not deliver the code: Telegram gave no delivery confirmation within the timeout, nobody answered the voice call, or the network did not accept the SMS. On the verify code as a whole, it means every channel of the routing strategy was tried without success.',
      'El canal no pudo entregar el código: Telegram no confirmó la entrega dentro del tiempo límite, nadie contestó la llamada de voz o la red no aceptó el SMS. En el código de verificación completo, significa que se probaron todos los canales de la estrategia de enrutamiento sin éxito.',
    ),
    nextStep: l(
      "Read the channel's error field for the reason and check that the phone number is right and in international format; let the user request a new code, and consider ending the routing strategy with sms as a fallback.",
      'Lee el campo error del canal para conocer el motivo y verifica que el número sea correcto y esté en formato internacional; permite que el usuario pida un código nuevo y considera terminar la estrategia de enrutamiento con sms como respaldo.',
    ),
  },
  100: {
    name: 'Error',
    title: l('processing error', 'error de procesamiento'),
    cause: l(
      'LOX24 could not process the request at all: a system or account problem on its side, as opposed to a delivery that reached the network and failed.',
      'LOX24 no pudo procesar la solicitud: es un problema del sistema o de la cuenta de su lado, a diferencia de un envío que llegó a la red y falló.',
    ),
    nextStep: l(
      'Check your LOX24 account balance and that the sender ID is allowed for your account; if the cause is still unclear, contact LOX24 support with the verify code id.',
      'Revisa el saldo de tu cuenta de LOX24 y que el sender ID esté autorizado para ella; si la causa sigue sin estar clara, contacta al soporte de LOX24 con el id del código de verificación.',
    ),
  },
};

export const lox24DlrCodes: Readonly<Record<Lox24DlrCode, Lox24Code>> = {
  0: {
    name: 'None',
    title: l('no delivery report yet', 'sin informe de entrega'),
    cause: l(
      'There is no delivery report available for this SMS yet, so whether it arrived is still unknown.',
      'Todavía no hay un informe de entrega disponible para este SMS, así que aún no se sabe si llegó.',
    ),
    nextStep: l(
      'Wait for a later sms.delivery event; carriers can take minutes to report, and some networks never send a report at all.',
      'Espera un evento sms.delivery posterior; los operadores pueden tardar minutos en informar y algunas redes nunca envían el informe.',
    ),
  },
  1: {
    name: 'Delivered',
    title: l('delivered to the phone', 'entregado al teléfono'),
    cause: l(
      "The carrier confirmed that the SMS reached the recipient's phone.",
      'El operador confirmó que el SMS llegó al teléfono del destinatario.',
    ),
    nextStep: l(
      'No action needed; if the user still says nothing arrived, check that the number is theirs and ask them to look in filtered or spam messages.',
      'No hace falta hacer nada; si el usuario insiste en que no le llegó, confirma que el número sea suyo y pídele que revise los mensajes filtrados o de spam.',
    ),
  },
  2: {
    name: 'Queued',
    title: l('scheduled for later', 'programado para más tarde'),
    cause: l(
      'The SMS is scheduled to be sent later, for example because a sending time was set, and has not left LOX24 yet.',
      'El SMS está programado para enviarse más tarde, por ejemplo porque se indicó una hora de envío, y todavía no sale de LOX24.',
    ),
    nextStep: l(
      'No action needed: wait for the next delivery report; if you did not mean to schedule it, check the delivery_at value your app sends.',
      'No hace falta hacer nada: espera el siguiente informe de entrega; si no querías programarlo, revisa el valor de delivery_at que envía tu aplicación.',
    ),
  },
  4: {
    name: 'Submitted',
    title: l('handed to the network', 'entregado a la red'),
    cause: l(
      'The SMS has been handed over to the mobile network and is on its way, but the handset has not confirmed receipt yet.',
      'El SMS ya pasó a la red móvil y va en camino, pero el teléfono aún no confirma la recepción.',
    ),
    nextStep: l(
      'No action needed: a final report (delivered, expired or rejected) normally follows.',
      'No hace falta hacer nada: normalmente llega después un informe final (entregado, vencido o rechazado).',
    ),
  },
  8: {
    name: 'Expired',
    title: l('expired before reaching the phone', 'venció sin llegar al teléfono'),
    cause: l(
      "The network could not reach the handset before the message's validity period ended, typically because the phone was switched off or out of coverage the whole time.",
      'La red no pudo alcanzar el teléfono antes de que terminara el período de validez del mensaje, normalmente porque estuvo apagado o sin cobertura todo ese tiempo.',
    ),
    nextStep: l(
      'Let the user request a new code once their phone is on and has signal, or offer another channel such as Telegram or a voice call.',
      'Permite que el usuario pida un código nuevo cuando su teléfono esté encendido y con señal, u ofrécele otro canal, como Telegram o una llamada de voz.',
    ),
  },
  16: {
    name: 'Rejected',
    title: l('rejected by the network', 'rechazado por la red'),
    cause: l(
      'The carrier or provider refused the message: the number may be invalid, inactive or in a blocked range, or the sender ID is not accepted for that destination.',
      'El operador o el proveedor rechazó el mensaje: el número puede ser inválido, estar inactivo o pertenecer a un rango bloqueado, o el remitente (sender ID) no se acepta en ese destino.',
    ),
    nextStep: l(
      'Check that the number is in international E.164 format (for example +4915112345678) and that your sender ID is registered for the destination country; do not keep resending to the same number.',
      'Verifica que el número esté en formato internacional E.164 (por ejemplo, +4915112345678) y que tu sender ID esté registrado para el país de destino; no sigas reenviando al mismo número.',
    ),
  },
};

/** Display names of the verify channels (the webhook schema lists telegram and sms; the API also routes voice). */
export const lox24ChannelNames = { telegram: 'Telegram', sms: 'SMS', voice: 'Voice call' } as const;

/** "Failed" for 20; `unknown status ${n}` for a value LOX24 does not document. */
export function lox24StatusName(n: number): string {
  return Object.hasOwn(lox24Statuses, n) ? lox24Statuses[n as Lox24Status].name : `unknown status ${n}`;
}

/** "Rejected" for 16; `unknown DLR code ${n}` for a value LOX24 does not document. */
export function lox24DlrName(n: number): string {
  return Object.hasOwn(lox24DlrCodes, n) ? lox24DlrCodes[n as Lox24DlrCode].name : `unknown DLR code ${n}`;
}
