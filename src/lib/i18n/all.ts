/**
 * Both languages in memory at once: for the server (push notifications in the device's language)
 * and the unit tests. The browser never imports this module; it loads one language (./load.ts).
 */
import { en, vi } from './messages';
import { installDictionary } from './translate';

installDictionary('vi', vi);
installDictionary('en', en);
