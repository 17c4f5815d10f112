import type { Channel } from '../../../shared/ipc';
import type { SettingsService } from '../../settings/settings-service';
import type { ChannelImpls } from '../envelope';

type SettingsChannel = Extract<Channel, `settings:${string}`>;

export function settingsChannels(service: SettingsService): ChannelImpls<SettingsChannel> {
  return {
    'settings:get': () => service.get(),
    'settings:set': (req) => service.set(req),
    'settings:choose-download-folder': () => service.chooseDownloadFolder(),
  };
}
