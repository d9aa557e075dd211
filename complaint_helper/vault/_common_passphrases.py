"""Passwords and phrases people often choose, refused by `check_passphrase_strength`.

Compiled by hand from the entries that recur at the top of widely published common-password
lists (e.g. the SecLists "10k most common" and the NCSC "100k most common" lists) plus famous
phrases from films, songs and the XKCD comic. Stored lower-case with spaces and punctuation
removed, the same folding the checker applies to what a person types. It is a first filter,
not a guarantee: the Argon2id cost is what makes guessing slow.
"""

from __future__ import annotations

from typing import Final

_COMMON = """
123456 123456789 12345678 12345 1234567 1234567890 0123456789 0987654321 9876543210
111111 1111111111 000000 0000000000 123123 123123123 1231231231 123321 654321 666666 121212
987654321 112233 11223344 1122334455 147258369 159753 1q2w3e 1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y
1qaz2wsx 1qaz2wsx3edc zaq12wsx zaq1zaq1 qazwsx qazwsxedc qwerty qwerty123 qwerty1234
qwerty12345 qwertyuiop qwertyuiop123 asdfgh asdfghjkl asdfghjkl123 zxcvbnm zxcvbnm123
password password1 password12 password123 password1234 password12345 passw0rd p4ssw0rd
passwordpassword mypassword mypassword123 newpassword secretpassword supersecret
supersecretpassword secret123 secretsecret letmein letmein123 letmeinplease welcome welcome1
welcome123 welcome1234 welcometothejungle admin admin123 administrator root toor changeme
changeme123 default iloveyou iloveyou1 iloveyou123 iloveyoutoo iloveyouforever iloveyoubaby
iloveyousomuch iloveyoumom iloveyoudad ilovemyself ilovemymom ilovemydad ilovemyfamily
ilovemykids ilovemydog ilovemycat ilovegod jesuslovesme jesuschrist jesusislord godisgood
godisgreat godbless blessed blessed123 princess princess1 princess123 sunshine sunshine1
sunshine123 butterfly butterfly1 rainbow rainbow123 flower flowers football football1
baseball basketball soccer hockey monkey monkey123 dragon dragon123 master master123 shadow
superman batman spiderman pokemon starwars starwars123 harrypotter harrypotter123 trustno1
trustnoone whatever whatever123 nothing nobody somebody someone freedom freedom123 liberty
happiness happiness123 beautiful beautiful1 sweetheart chocolate chocolate1 cookie cookies
summer summer123 winter winter123 spring autumn computer computer1 internet google facebook
instagram twitter linkedin microsoft apple samsung iphone charlie michael jennifer jessica
ashley daniel matthew andrew joshua jordan jordan23 michelle nicole amanda hannah thomas
loveyou lovely loveme lovelove lovers fuckyou fuckyou123 fuckoff asshole bitch killer
hello hello123 hellohello helloworld hellokitty abc123 abcd1234 abcdef abcdefg abcdefgh
abcdefghi abcdefghij abcdefghijk abcdefghijkl abc123456 aaaaaa aaaaaaaaaa qqqqqqqqqq
correcthorsebatterystaple correcthorse batterystaple thequickbrownfoxjumpsoverthelazydog
thequickbrownfox tobeornottobe maytheforcebewithyou itsasecret
opensesame letitbe letitgo hakunamatata carpediem yolo youonlyliveonce neverforget
nevergiveup nevergonnagiveyouup dontforget rememberme forgetme forgetmenot iamthebest
iamawesome iamgreat imagine peaceandlove peacelovehappiness allyouneedislove
therapist therapy counselor counseling psychologist doctor complaint complainthelper
myprivatenotes privatenotes mynotes mydiary diary secretdiary mysecret mysecrets
keepout keepoutplease donotopen nottoday notmine onetwothree onetwothreefour
"""

COMMON_PASSPHRASES: Final[frozenset[str]] = frozenset(_COMMON.split())
