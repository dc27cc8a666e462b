// Imported first by main.mjs: takes stdout for the protocol and routes console.* to stderr before
// any other module (ccxt included) is evaluated.
import './stdio.mjs';
import { guardConsole } from './log.mjs';

guardConsole();
