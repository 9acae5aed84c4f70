// The unified manifest for Microsoft 365 (manifest.json) for a base URL, written from
// addin.json (the same data as manifest.xml) and the functions.json metadata.
//
// It follows Microsoft's app manifest schema v1.30 (the newest stable one; schema v1.23
// is the first with `extensions[].runtimes[].customFunctions`), as shipped in Microsoft's
// npm package @microsoft/app-manifest, against which tests/node/excel-manifest-json.test.mjs
// validates it. One long-lived runtime holds the task pane page, the functions script and
// the custom functions, as the XML manifest's shared runtime does.

import { ADDIN, hostedUrl, ribbonIconFiles, iconSize, numericVersion, checkNamespace } from './addin.mjs';
import { normalizeBaseUrl } from './metadata.mjs';

/** The manifest schema version written, and Microsoft's published URL of that schema. */
export const MANIFEST_VERSION = '1.30';
export const SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;

/** The id of the one runtime (functions and task pane share it). */
export const RUNTIME_ID = 'SharedRuntime';
/** The id of the action the ribbon button runs: open the task pane. */
export const TASKPANE_ACTION_ID = 'ShowTaskpane';

/**
 * The unified manifest's permission for each add-in only manifest permission, as
 * Microsoft's converter (office-addin-manifest-converter) maps them.
 */
const PERMISSIONS = {
  Restricted: 'Document.Restricted.User',
  ReadDocument: 'Document.Read.User',
  ReadWriteDocument: 'Document.ReadWrite.User',
  ReadAllDocument: 'Document.ReadAll.User',
  WriteDocument: 'Document.Write.User',
};

/** Ribbon and get-started entries exist on desktop form factors (the XML's DesktopFormFactor). */
const DESKTOP = { formFactors: ['desktop'] };
/** Add-in commands (the ribbon button) need requirement set AddinCommands 1.1, as in XML. */
const ADDIN_COMMANDS = [{ name: 'AddinCommands', minVersion: '1.1' }];

/**
 * One function of functions.json as the unified manifest declares it. The schema's
 * function result has only `dimensionality`, so a scalar's declared type (`number`,
 * `string`) stays in functions.json, which `metadataUrl` points at.
 * @param {any} f a functions.json entry
 */
export function manifestFunction(f) {
  const result = f.result.dimensionality ? { dimensionality: f.result.dimensionality } : {};
  return { id: f.id, name: f.name, description: f.description, helpUrl: f.helpUrl, parameters: f.parameters, result };
}

/**
 * manifest.json for `baseUrl`, at `version` (x.y.z).
 * @param {{baseUrl: string, version: string, namespace: string, metadata: {functions: any[]}}} o
 *   metadata: the functions.json written for the same base URL
 */
export function manifestJson({ baseUrl, version, namespace, metadata }) {
  checkNamespace(namespace);
  const url = (path) => hostedUrl(baseUrl, path);
  const p = ADDIN.pages;
  const r = ADDIN.ribbon;
  const permission = PERMISSIONS[ADDIN.permission];
  if (!permission) throw new Error(`no unified-manifest permission for ${ADDIN.permission}`);
  const ribbonIcons = ribbonIconFiles().map((i) => ({ size: i.size, url: url(i.path) }));
  return {
    $schema: SCHEMA_URL,
    manifestVersion: MANIFEST_VERSION,
    version: numericVersion(version).join('.'),
    id: ADDIN.id,
    localizationInfo: { defaultLanguageTag: ADDIN.locale.toLowerCase() },
    developer: { name: ADDIN.provider, websiteUrl: url(p.help), privacyUrl: url(p.help), termsOfUseUrl: url(p.help) },
    name: { short: ADDIN.name, full: ADDIN.name },
    description: { short: ADDIN.shortDescription, full: ADDIN.description },
    // Relative to manifest.json: the icons travel in the app package beside it.
    icons: { outline: ADDIN.icons.icon, color: ADDIN.icons.color },
    accentColor: ADDIN.accentColor,
    validDomains: [new URL(normalizeBaseUrl(baseUrl)).origin],
    authorization: { permissions: { resourceSpecific: [{ name: permission, type: 'Delegated' }] } },
    extensions: [
      {
        requirements: { capabilities: [{ name: ADDIN.sharedRuntime.name, minVersion: ADDIN.sharedRuntime.minVersion }], scopes: ['workbook'] },
        runtimes: [
          {
            id: RUNTIME_ID,
            type: 'general',
            code: { page: url(p.runtime), script: url(p.script) },
            lifetime: 'long',
            actions: [{ id: TASKPANE_ACTION_ID, type: 'openPage', displayName: r.buttonLabel, view: r.taskpaneId }],
            customFunctions: {
              namespace: { id: ADDIN.namespace, name: ADDIN.namespace },
              metadataUrl: url(p.metadata),
              functions: metadata.functions.map(manifestFunction),
            },
          },
        ],
        ribbons: [
          {
            requirements: { capabilities: ADDIN_COMMANDS, scopes: ['workbook'], ...DESKTOP },
            contexts: ['default'],
            tabs: [
              {
                builtInTabId: r.tab,
                groups: [
                  {
                    id: r.groupId,
                    label: r.groupLabel,
                    icons: ribbonIcons,
                    controls: [
                      {
                        id: r.buttonId,
                        type: 'button',
                        label: r.buttonLabel,
                        icons: ribbonIcons,
                        supertip: { title: r.buttonLabel, description: r.buttonTooltip },
                        actionId: TASKPANE_ACTION_ID,
                      },
                    ],
                  },
                ],
              },
            ],
          },
        ],
        alternates: [
          {
            alternateIcons: {
              icon: { size: iconSize('icon'), url: url(ADDIN.icons.icon) },
              highResolutionIcon: { size: iconSize('highResolution'), url: url(ADDIN.icons.highResolution) },
            },
          },
        ],
        getStartedMessages: [
          {
            requirements: { scopes: ['workbook'], ...DESKTOP },
            title: ADDIN.getStarted.title,
            description: ADDIN.getStarted.description,
            learnMoreUrl: url(p.help),
          },
        ],
      },
    ],
  };
}
