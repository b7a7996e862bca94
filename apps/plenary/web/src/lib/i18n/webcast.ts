// Strings for publishing to the webcast from the member app.
import type { Dictionary } from './i18n.svelte.ts';

const dictionary: Dictionary = {
  sv: {
    'onair.live': 'Du sänds nu i webbsändningen.',
    'onair.starting': 'Ansluter kamera och mikrofon till webbsändningen…',
    'onair.failed': 'Kunde inte sända kamera och mikrofon.',
  },
  en: {
    'onair.live': 'You are live on the webcast.',
    'onair.starting': 'Connecting camera and microphone to the webcast…',
    'onair.failed': 'Could not send camera and microphone.',
  },
};

export default dictionary;
