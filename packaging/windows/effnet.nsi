; EfficientNet Desktop installer for Windows (NSIS 3), per user: no administrator rights.
; Build on Windows after freezing:  makensis /DVERSION=0.1.0 /DBUNDLE=..\..\dist\standard\efficientnet-desktop effnet.nsi
Unicode true
!include "MUI2.nsh"
!include "FileFunc.nsh"

!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef BUNDLE
  !define BUNDLE "..\..\dist\standard\efficientnet-desktop"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\..\dist\EfficientNet-Desktop-${VERSION}-setup.exe"
!endif
!define APP_NAME "EfficientNet Desktop"
!define APP_EXE "efficientnet-desktop.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\EfficientNetDesktop"
!define PROG_ID "EfficientNetDesktop.Image"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
SetCompressor /SOLID lzma

!define MUI_ICON "..\..\resources\icons\effnet.ico"
!define MUI_UNICON "..\..\resources\icons\effnet.ico"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Section "!${APP_NAME}" SecApp
  SectionIn RO
  SetOutPath "$INSTDIR"
  File /r "${BUNDLE}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateDirectory "$SMPROGRAMS\${APP_NAME}"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\Uninstall ${APP_NAME}.lnk" "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "EfficientNet Desktop developers"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section /o "Open photos with ${APP_NAME} (Open with menu)" SecAssociate
  WriteRegStr HKCU "Software\Classes\${PROG_ID}" "" "Photo (${APP_NAME})"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}\DefaultIcon" "" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}\shell\open\command" "" '"$INSTDIR\${APP_EXE}" "%1"'
  !macro OfferFor EXT
    WriteRegStr HKCU "Software\Classes\${EXT}\OpenWithProgids" "${PROG_ID}" ""
  !macroend
  !insertmacro OfferFor ".jpg"
  !insertmacro OfferFor ".jpeg"
  !insertmacro OfferFor ".png"
  !insertmacro OfferFor ".webp"
  !insertmacro OfferFor ".bmp"
  !insertmacro OfferFor ".gif"
  !insertmacro OfferFor ".tif"
  !insertmacro OfferFor ".tiff"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section "Uninstall"
  RMDir /r "$INSTDIR"
  RMDir /r "$SMPROGRAMS\${APP_NAME}"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\Classes\${PROG_ID}"
  !macro ForgetFor EXT
    DeleteRegValue HKCU "Software\Classes\${EXT}\OpenWithProgids" "${PROG_ID}"
  !macroend
  !insertmacro ForgetFor ".jpg"
  !insertmacro ForgetFor ".jpeg"
  !insertmacro ForgetFor ".png"
  !insertmacro ForgetFor ".webp"
  !insertmacro ForgetFor ".bmp"
  !insertmacro ForgetFor ".gif"
  !insertmacro ForgetFor ".tif"
  !insertmacro ForgetFor ".tiff"
  ; Downloaded weights live in the per-user cache (platformdirs), outside $INSTDIR.
  IfFileExists "$LOCALAPPDATA\${APP_NAME}\Cache\models\*.*" 0 done
    MessageBox MB_YESNO|MB_ICONQUESTION \
      "Also remove the downloaded model weights (they can be large)?$\r$\n$LOCALAPPDATA\${APP_NAME}\Cache" \
      /SD IDNO IDNO done
    RMDir /r "$LOCALAPPDATA\${APP_NAME}\Cache"
  done:
SectionEnd
