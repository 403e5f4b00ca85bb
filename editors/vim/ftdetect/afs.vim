" afsprakenkader sources (.afs), compiled by afc.
autocmd BufRead,BufNewFile *.afs setfiletype afs
