import { defineBackground } from 'wxt/utils/define-background';
import { startBackgroundService } from '../lib/lookup/background-service.ts';

export default defineBackground(() => {
  startBackgroundService();
});
