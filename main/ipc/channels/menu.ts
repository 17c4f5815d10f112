import type { MenuState } from '../../menu/menu-state';
import type { ChannelImpls } from '../envelope';

export function menuChannels(menu: MenuState): ChannelImpls<'menu:state'> {
  return {
    'menu:state': (req) => {
      menu.setDisabled(req.disabled);
      return {};
    },
  };
}
