// Screens added by later capabilities (devices, export, verify …) register here by route name.
import type { ReactNode } from 'react';
import type { Route } from '../lib/nav';

export const EXTRA_ROUTES: Partial<Record<Route['name'], (route: Route) => ReactNode>> = {};
