// The public webcast player: live video with the sitting beside it, and the archive (R25).
import './lib/zod-jitless.ts';
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';

const target = document.getElementById('app');
if (target === null) throw new Error('#app is missing from index.html');
mount(App, { target });
