// Entry of the web shell: member app, desk console and public display in one Svelte 5 app.
import './lib/zod-jitless.ts';
import { mount } from 'svelte';
import './lib/styles/tokens.css';
import App from './App.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
mount(App, { target });
