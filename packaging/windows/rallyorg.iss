; Windows installer for the one-folder app (packaging/build.py makes dist\rallyorg\ first).
; Per-user: installs into %LOCALAPPDATA%\Programs\rallyorg and the user's Start menu, so an
; organizer on a church or union laptop needs no administrator. The data (the database and its
; backups, %LOCALAPPDATA%\rallyorg) is never touched by installing, updating or uninstalling.
;   iscc /DAppVersion=0.1.0 packaging\windows\rallyorg.iss   ->  dist\rallyorg-0.1.0-windows-x86_64-setup.exe

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
; The AppId identifies rallyorg to Windows across versions (updates replace, not duplicate): never change it.
AppId={{2B541EEA-AAD9-4B7C-B598-BA64FA507267}
AppName=rallyorg
AppVersion={#AppVersion}
AppPublisher=rallyorg contributors
AppPublisherURL=https://github.com/rallyorg/rallyorg
AppSupportURL=https://github.com/rallyorg/rallyorg/issues
DefaultDirName={autopf}\rallyorg
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
LicenseFile=..\..\resources\licenses\GPL-3.0.txt
SetupIconFile=..\..\resources\icons\rallyorg.ico
UninstallDisplayIcon={app}\rallyorg-gui.exe
OutputDir=..\..\dist
OutputBaseFilename=rallyorg-{#AppVersion}-windows-x86_64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Closes a running rallyorg before files are replaced (it saves as it goes).
CloseApplications=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"
Name: "pt_BR"; MessagesFile: "compiler:Languages\BrazilianPortuguese.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\rallyorg\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; Files of an older version that this one no longer has would otherwise stay behind.
[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\rallyorg"; Filename: "{app}\rallyorg-gui.exe"
Name: "{autodesktop}\rallyorg"; Filename: "{app}\rallyorg-gui.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\rallyorg-gui.exe"; Description: "{cm:LaunchProgram,rallyorg}"; Flags: nowait postinstall skipifsilent
