import { mount } from 'svelte';
import App from './App.svelte';
import './styles/app.css';
import './styles/print.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app missing from index.html');
export default mount(App, { target });
