// The member's choice of a sound and a vibration when a division opens: off unless chosen, remembered on this device.
const KEY = 'division-alert';

class DivisionAlert {
  on = $state(typeof localStorage !== 'undefined' && localStorage.getItem(KEY) === 'on');

  set(on: boolean): void {
    this.on = on;
    localStorage.setItem(KEY, on ? 'on' : 'off');
  }

  /** A short two-tone chime (no sound file to load) and a buzz where the device has one. */
  ring(): void {
    if (!this.on) return;
    if ('vibrate' in navigator) navigator.vibrate([200, 100, 200]);
    try {
      const audio = new AudioContext();
      const gain = audio.createGain();
      gain.gain.value = 0.2;
      gain.connect(audio.destination);
      [880, 660].forEach((hz, i) => {
        const tone = audio.createOscillator();
        tone.frequency.value = hz;
        tone.connect(gain);
        tone.start(audio.currentTime + i * 0.25);
        tone.stop(audio.currentTime + i * 0.25 + 0.2);
      });
      setTimeout(() => void audio.close(), 1000);
    } catch (err) {
      // A browser without Web Audio (or one that blocks it) still shows and announces the division.
      console.warn('division alert: no sound', err);
    }
  }
}

export const divisionAlert = new DivisionAlert();
