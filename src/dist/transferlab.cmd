@echo off
rem TransferLab launcher for Windows (the all-platforms bundle). Needs a 64-bit Java 17 or newer.
rem   double-click, or: transferlab.cmd                 opens the app
rem   transferlab.cmd COMMAND ...                         the command line, e.g. transferlab.cmd train --method kd --epochs 2
rem Java: %JAVA_HOME% if set, else the java on the PATH. Extra Java options: set TRANSFERLAB_JAVA_OPTS=-Xmx6g
setlocal EnableExtensions
set "HERE=%~dp0"
set "JAVA="
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA=%JAVA_HOME%\bin\java.exe"
if not defined JAVA for %%j in (java.exe) do if not "%%~$PATH:j"=="" set "JAVA=%%~$PATH:j"
if not defined JAVA (
  echo TransferLab: no Java found. Install a 64-bit Java 17 or newer, best a JDK ^(e.g. Eclipse Temurin 21 from adoptium.net^), or set JAVA_HOME; see READ-ME-FIRST.txt.
  goto failed
)

rem which Java this is: its version and architecture
set "PROPS=%TEMP%\transferlab-java-%RANDOM%.txt"
"%JAVA%" -XshowSettings:properties -version 2> "%PROPS%"
set "SPEC="
set "ARCH="
for /f "usebackq tokens=1,2 delims== " %%a in ("%PROPS%") do (
  if "%%a"=="java.specification.version" set "SPEC=%%b"
  if "%%a"=="os.arch" set "ARCH=%%b"
)
del "%PROPS%" >nul 2>nul
if not defined SPEC (
  echo TransferLab: "%JAVA%" did not start. Install a 64-bit Java 17 or newer ^(e.g. Eclipse Temurin 21^); see READ-ME-FIRST.txt.
  goto failed
)
if "%SPEC:~0,2%"=="1." goto oldjava
if %SPEC% LSS 17 goto oldjava
if /i not "%ARCH%"=="amd64" (
  echo TransferLab: this Java is for %ARCH%; the Windows natives in this bundle are for 64-bit x86. Install a 64-bit x64 Java 17 or newer.
  goto failed
)

"%JAVA%" %TRANSFERLAB_JAVA_OPTS% -cp "%HERE%transferlab.jar;%HERE%lib\*;%HERE%lib\javafx\windows-x86_64\*" org.transferlab.Main %*
set "CODE=%ERRORLEVEL%"
rem a double-click (no arguments) that failed: keep the window open to read why
if not "%CODE%"=="0" if "%~1"=="" pause
exit /b %CODE%

:oldjava
echo TransferLab: this Java is version %SPEC% ("%JAVA%"); TransferLab needs Java 17 or newer. Install one (e.g. Eclipse Temurin 21) or point JAVA_HOME at it.
:failed
if "%~1"=="" pause
exit /b 1
