// The add-in only manifest (manifest.xml) for a base URL, written from addin.json.
// Resource ids are declared once under <Resources> and referenced by resid (Office
// resolves them; a resid that names nothing makes the shared runtime fail silently,
// which tests/node/excel-manifest.test.mjs and Office's own parser guard against).

import { ADDIN, hostedUrl, ribbonIconFiles, numericVersion, checkNamespace } from './addin.mjs';

/** Text made safe for an XML attribute value. */
const attr = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * One list of <Resources>: `<bt:LIST>` with a `<bt:ELEMENT id DefaultValue>` per entry.
 * @param {string} list
 * @param {string} element
 * @param {[string, string][]} entries id and (escaped) value
 */
function resourceList(list, element, entries) {
  const items = entries.map(([id, value]) => `        <bt:${element} id="${id}" DefaultValue="${value}"/>`);
  return [`      <bt:${list}>`, ...items, `      </bt:${list}>`].join('\n');
}

/**
 * manifest.xml for `baseUrl`, at `version` (x.y.z; Office wants four numbers).
 * @param {{baseUrl: string, version: string, namespace: string}} o
 */
export function manifestXml({ baseUrl, version, namespace }) {
  checkNamespace(namespace);
  const url = (path) => attr(hostedUrl(baseUrl, path));
  const p = ADDIN.pages;
  const r = ADDIN.ribbon;
  const ribbon = ribbonIconFiles();
  const ribbonIcons = ribbon.map(({ size }) => `<bt:Image size="${size}" resid="Icon.${size}x${size}"/>`);
  const iconsAt = (indent) => ribbonIcons.map((i) => `${indent}${i}`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!--
  sheetkpi Excel add-in: add-in only (XML) manifest with custom functions in a shared runtime.
  Generated from manifest/excel/addin.json by js/excel/manifest-xml.mjs; do not edit (the
  unified manifest, manifest.json, is written from the same file by manifest-json.mjs).
  The committed copy, manifest/excel/manifest.xml, is the one for the dev server (the
  default base URL); npm run build:excel with a base URL writes one for any host.
-->
<OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0" xmlns:ov="http://schemas.microsoft.com/office/taskpaneappversionoverrides" xsi:type="TaskPaneApp">
  <Id>${ADDIN.id}</Id>
  <Version>${numericVersion(version).join('.')}.0</Version>
  <ProviderName>${attr(ADDIN.provider)}</ProviderName>
  <DefaultLocale>${ADDIN.locale}</DefaultLocale>
  <DisplayName DefaultValue="${attr(ADDIN.name)}"/>
  <Description DefaultValue="${attr(ADDIN.description)}"/>
  <IconUrl DefaultValue="${url(ADDIN.icons.icon)}"/>
  <HighResolutionIconUrl DefaultValue="${url(ADDIN.icons.highResolution)}"/>
  <SupportUrl DefaultValue="${url(p.help)}"/>
  <Hosts>
    <Host Name="Workbook"/>
  </Hosts>
  <Requirements>
    <Sets DefaultMinVersion="1.1">
      <Set Name="${ADDIN.sharedRuntime.name}" MinVersion="${ADDIN.sharedRuntime.minVersion}"/>
    </Sets>
  </Requirements>
  <DefaultSettings>
    <SourceLocation DefaultValue="${url(p.runtime)}"/>
  </DefaultSettings>
  <!-- The task pane writes the chosen formula into the active cell: that needs write access, nothing more. -->
  <Permissions>${ADDIN.permission}</Permissions>
  <VersionOverrides xmlns="http://schemas.microsoft.com/office/taskpaneappversionoverrides" xsi:type="VersionOverridesV1_0">
    <Hosts>
      <Host xsi:type="Workbook">
        <Runtimes>
          <Runtime resid="Taskpane.Url" lifetime="long"/>
        </Runtimes>
        <AllFormFactors>
          <ExtensionPoint xsi:type="CustomFunctions">
            <Script>
              <SourceLocation resid="Functions.Script.Url"/>
            </Script>
            <Page>
              <SourceLocation resid="Taskpane.Url"/>
            </Page>
            <Metadata>
              <SourceLocation resid="Functions.Metadata.Url"/>
            </Metadata>
            <Namespace resid="Functions.Namespace"/>
          </ExtensionPoint>
        </AllFormFactors>
        <DesktopFormFactor>
          <GetStarted>
            <Title resid="GetStarted.Title"/>
            <Description resid="GetStarted.Description"/>
            <LearnMoreUrl resid="GetStarted.LearnMoreUrl"/>
          </GetStarted>
          <FunctionFile resid="Taskpane.Url"/>
          <ExtensionPoint xsi:type="PrimaryCommandSurface">
            <OfficeTab id="${r.tab}">
              <Group id="${attr(r.groupId)}">
                <Label resid="Group.Label"/>
                <Icon>
${iconsAt('                  ')}
                </Icon>
                <Control xsi:type="Button" id="${attr(r.buttonId)}">
                  <Label resid="TaskpaneButton.Label"/>
                  <Supertip>
                    <Title resid="TaskpaneButton.Label"/>
                    <Description resid="TaskpaneButton.Tooltip"/>
                  </Supertip>
                  <Icon>
${iconsAt('                    ')}
                  </Icon>
                  <Action xsi:type="ShowTaskpane">
                    <TaskpaneId>${attr(r.taskpaneId)}</TaskpaneId>
                    <SourceLocation resid="Taskpane.Url"/>
                  </Action>
                </Control>
              </Group>
            </OfficeTab>
          </ExtensionPoint>
        </DesktopFormFactor>
      </Host>
    </Hosts>
    <Resources>
${resourceList('Images', 'Image', ribbon.map(({ size, path }) => [`Icon.${size}x${size}`, url(path)]))}
${resourceList('Urls', 'Url', [
    ['Functions.Script.Url', url(p.script)],
    ['Functions.Metadata.Url', url(p.metadata)],
    ['Taskpane.Url', url(p.runtime)],
    ['GetStarted.LearnMoreUrl', url(p.help)],
  ])}
${resourceList('ShortStrings', 'String', [
    ['Functions.Namespace', attr(ADDIN.namespace)],
    ['GetStarted.Title', attr(ADDIN.getStarted.title)],
    ['Group.Label', attr(r.groupLabel)],
    ['TaskpaneButton.Label', attr(r.buttonLabel)],
  ])}
${resourceList('LongStrings', 'String', [
    ['GetStarted.Description', attr(ADDIN.getStarted.description)],
    ['TaskpaneButton.Tooltip', attr(r.buttonTooltip)],
  ])}
    </Resources>
  </VersionOverrides>
</OfficeApp>
`;
}

