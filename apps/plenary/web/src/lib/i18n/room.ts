// Strings of the sitting's video room (R09).
import type { Dictionary } from './i18n.svelte.ts';

const dictionary: Dictionary = {
  sv: {
    'room.title': 'Videorummet',
    'room.joining': 'Ansluter till videorummet…',
    'room.speaker': 'Talare',
    'room.nobodySpeaks': 'Ingen har ordet',
    'room.chamber': 'Salen och presidiet',
    'room.participants': 'Deltagare på distans ({n})',
    'room.you': 'Du',
    'room.viewer':
      'Du sänder redan från en annan enhet. Här ser och hör du mötet utan att sända en gång till.',
    'room.closed': 'Videorummet är stängt.',
    'room.held':
      'Du är utanför videorummet just nu och släpps in igen automatiskt. Kameran och mikrofonen är avstängda.',
    'room.failed': 'Kunde inte ansluta till videorummet:',
    'room.retry': 'Försök igen',
    'room.muted': 'Ljudet avstängt av ordföranden',
    'room.media.denied':
      'Webbläsaren har nekat kameran eller mikrofonen. Tillåt dem: klicka på kamerasymbolen eller hänglåset till vänster om adressen, välj ”Tillåt” för kamera och mikrofon och tryck sedan på ”Försök igen”. På iPad: Inställningar → Safari → Kamera och Mikrofon → Tillåt.',
    'room.media.missing':
      'Ingen kamera eller mikrofon hittades. Anslut en kamera och mikrofon (eller ett headset) och tryck på ”Försök igen”.',
    'room.media.busy':
      'Kameran eller mikrofonen används av ett annat program. Stäng det (till exempel Teams eller Zoom) och tryck på ”Försök igen”.',
    'room.media.other':
      'Kameran eller mikrofonen kunde inte startas. Kontrollera att de är anslutna och tillåtna och tryck på ”Försök igen”.',
    'room.screen': 'Salens skärm',
    'room.interpreter': 'Teckenspråkstolk',
  },
  en: {
    'room.title': 'The video room',
    'room.joining': 'Joining the video room…',
    'room.speaker': 'Speaker',
    'room.nobodySpeaks': 'Nobody has the floor',
    'room.chamber': 'The chamber and the presidium',
    'room.participants': 'Remote participants ({n})',
    'room.you': 'You',
    'room.viewer':
      'You already publish from another device. Here you see and hear the sitting without publishing twice.',
    'room.closed': 'The video room is closed.',
    'room.held':
      'You are outside the video room for now and are let back in automatically. Camera and microphone are off.',
    'room.failed': 'Could not join the video room:',
    'room.retry': 'Try again',
    'room.muted': 'Muted by the chair',
    'room.media.denied':
      'The browser has blocked the camera or microphone. Allow them: click the camera or padlock icon left of the address, choose "Allow" for camera and microphone, then press "Try again". On iPad: Settings → Safari → Camera and Microphone → Allow.',
    'room.media.missing':
      'No camera or microphone was found. Connect a camera and microphone (or a headset) and press "Try again".',
    'room.media.busy':
      'The camera or microphone is in use by another program. Close it (Teams or Zoom, say) and press "Try again".',
    'room.media.other':
      'The camera or microphone could not start. Check they are connected and allowed, then press "Try again".',
    'room.screen': 'The chamber screen',
    'room.interpreter': 'Sign-language interpreter',
  },
};

export default dictionary;
