/** The properties feature's public surface (issue 15): what App and the command registry may use. */
export { createPropertiesStore, type PropertiesApi, type PropertiesPlace, type PropertiesStore } from './properties-store';
export { PropertiesLayer } from './PropertiesLayer';
