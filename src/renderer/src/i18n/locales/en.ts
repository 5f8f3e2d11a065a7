// English strings: the reference locale. Its shape is the type every other locale must match,
// so a missing or extra key fails `tsc` as well as locales.test.ts.
import { consoleEn } from './console/en';
import { moderationEn } from './moderation/en';

export const en = {
  app: {
    name: 'Stageside',
    loading: 'Loading…',
  },
  connection: {
    connecting: 'Connecting…',
    connected: 'Connected',
    disconnected: 'Reconnecting…',
    unauthorized: 'Access refused',
    reconnectingBanner: 'Connection to Stageside lost — reconnecting…',
    unauthorizedTitle: 'Access token refused',
    unauthorizedBody: 'Open the exact URL printed by <cmd>stageside web</cmd> — it carries the access token.',
    loadFailed: 'Could not load the current state: {{message}}',
  },
  header: {
    profileLabel: 'Profile:',
    modeLabel: 'Mode:',
    settings: 'Settings',
    toolbar: 'Application',
  },
  modes: {
    studio: 'Local studio',
    tencent: 'Tencent Cloud',
  },
  problems: {
    title: 'Settings need attention',
    backup: 'The previous file was backed up to {{path}}',
    dismiss: 'Dismiss',
    dismissLabel: 'Dismiss settings warning',
  },
  panels: {
    label: 'Broadcast console',
    goLive: {
      title: 'Go Live',
      empty: 'Not live yet — broadcasting arrives with the broadcast engine.',
    },
    chat: {
      title: 'Chat',
    },
    products: {
      title: 'Products',
    },
    room: {
      title: 'Room',
    },
    counters: {
      title: 'Counters',
    },
    gifts: {
      title: 'Gifts',
    },
    announcement: {
      title: 'Announcement',
    },
    roomStatus: {
      title: 'Status',
    },
  },

  studio: {
    title: 'Local studio',
    state_off: 'Off (Tencent Cloud mode)',
    state_starting: 'Starting…',
    state_running: 'Running on this computer',
    state_restarting: 'Restarting after a crash…',
    state_failed: 'Stopped: {{reason}}',
    openViewer: 'Open viewer page',
    restart: 'Restart studio',
    rtmp: 'RTMP ingest',
    rest: 'IM REST API',
    room: 'Demo room',
  },
  settings: {
    title: 'Settings',
    save: 'Save',
    cancel: 'Cancel',
    close: 'Close settings',
    saveFailed: 'Could not save: {{message}}',
    fixErrors: 'Some fields need fixing before saving.',
    optional: 'optional',
    general: {
      title: 'General',
      profileName: 'Profile name',
      mode: 'Mode',
      language: 'Language',
      languageHint: 'The new language applies after saving.',
    },
    im: {
      title: 'Tencent IM',
      sdkAppId: 'SDKAppID',
      region: 'Region',
      restDomain: 'REST domain override',
      restDomainHint: 'Leave empty to use the region’s default domain.',
      adminIdentifier: 'Admin identifier',
    },
    regions: {
      auto: 'Automatic (from SDKAppID)',
      china: 'Chinese mainland',
      singapore: 'Singapore',
      korea: 'South Korea',
      germany: 'Germany',
      usa: 'United States',
      indonesia: 'Indonesia',
      india: 'India',
    },
    lvb: {
      title: 'Tencent LVB',
      pushDomain: 'Push domain',
      appName: 'AppName',
      streamName: 'Stream name',
      playDomain: 'Play domain',
    },
    room: {
      title: 'Live room',
      groupId: 'Room (group ID)',
      hostUserId: 'Host UserID',
    },
    errors: {
      profileName: 'Enter a profile name of 1 to 64 characters.',
      mode: 'Choose a mode.',
      language: 'Choose a language.',
      sdkAppId: 'Enter a whole number from 1 to 4294967295, or leave empty.',
      region: 'Choose a region.',
      hostname: 'Enter a host name such as push.example.com (no scheme, no path).',
      adminIdentifier: 'Use 1 to 32 letters, digits, _ and -.',
      appName: 'Use 1 to 64 letters, digits, _ and -.',
      streamName: 'Use up to 255 letters, digits and - _ . ~',
      groupId: 'Use printable ASCII, at most 48 characters; leave empty for the studio demo room.',
    },
  },
  secrets: {
    title: 'Secrets',
    hint: 'Secrets are stored as soon as you set or clear them, and are never shown again.',
    protection: 'Protection: {{how}}',
    names: {
      'im.secretKey': 'IM SecretKey',
      'lvb.pushKey': 'LVB push key',
      'lvb.playKey': 'LVB play key',
    },
    isSet: 'Set ({{masked}})',
    notSet: 'Not set',
    newValue: 'New {{name}}',
    set: 'Set',
    setLabel: 'Set {{name}}',
    clear: 'Clear',
    clearLabel: 'Clear {{name}}',
    failed: 'Could not update {{name}}: {{message}}',
  },
  tools: {
    title: 'Tools',
    openLogs: 'Open logs folder',
    logsAt: 'Logs are in {{path}}',
    logsOpened: 'Opened {{path}}',
    pushPreview: 'Push URL preview',
    pushPreviewHint: 'Built from the saved settings and the LVB push key; valid for 24 hours.',
    pushPreviewUrl: 'Push URL (key masked)',
    expiresAt: 'Expires {{time}}',
    failed: 'Failed: {{message}}',
  },
  about: {
    title: 'About',
    version: 'Version {{version}}',
    transport: 'Connection: {{transport}}',
    transports: {
      electron: 'desktop app',
      web: 'web mode',
    },
    dataDir: 'Data folder: {{path}}',
  },
  ...consoleEn,
  ...moderationEn,
};

/** Every locale has exactly this shape, with strings at the leaves. */
export type Messages = Shape<typeof en>;
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
