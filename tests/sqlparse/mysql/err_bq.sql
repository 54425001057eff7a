SELECT `never ends;
