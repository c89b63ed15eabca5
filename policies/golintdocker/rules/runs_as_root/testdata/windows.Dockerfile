# escape=`
# A Windows image: USER and uids work differently there (ContainerUser,
# ContainerAdministrator); no Linux advice.
FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
COPY app.exe C:\app\app.exe
WORKDIR C:\app
ENTRYPOINT ["C:\\app\\app.exe"]
