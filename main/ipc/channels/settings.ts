import type { Channel } from '../../../shared/ipc';
import type { CoreContext } from '../../core/context';
import { noSuchConnection } from '../../core/app-error';
import type { SettingsService } from '../../settings/settings-service';
import type { UploadDefaultsStore } from '../../settings/upload-defaults';
import type { ChannelImpls } from '../envelope';

type SettingsChannel = Extract<Channel, `settings:${string}`>;

export function settingsChannels(service: SettingsService, uploadDefaults: UploadDefaultsStore, ctx: CoreContext): ChannelImpls<SettingsChannel> {
  const known = (connectionId: string) => {
    if (!ctx.connections.get(connectionId)) throw noSuchConnection(connectionId);
  };
  return {
    'settings:get': () => service.get(),
    'settings:set': (req) => service.set(req),
    'settings:choose-download-folder': () => service.chooseDownloadFolder(),
    'settings:upload-defaults': (req) => {
      known(req.connectionId);
      return uploadDefaults.defaultsFor(req.connectionId);
    },
    'settings:set-upload-defaults': (req) => {
      known(req.connectionId);
      return uploadDefaults.set(req.connectionId, req.defaults);
    },
  };
}
