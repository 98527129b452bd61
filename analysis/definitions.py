"""What each figure counts, in one short Dutch line: the same words beside it on every page and
in every file, so a reader never has to guess (and the core, the pages and the exports agree)."""

SHARE_OF_ROUND = (
    "Deel op orde: het deel van de beantwoorde vragen van een standaard dat op orde is. Een vraag die nog "
    "niet is beantwoord, telt niet mee."
)
MEAN_SHARE = (
    "Gemiddeld op orde: per gemeente het deel van haar beantwoorde vragen dat op orde is, gemiddeld over "
    "de gemeenten die de standaard beantwoordden (n)."
)
WHOLE_STANDARD = (
    "Helemaal op orde, x van y: bij x gemeenten zijn alle vragen van de standaard op orde. y zijn de gemeenten "
    "waarvan dat vaststaat: alle vragen beantwoord, of minstens één vraag niet op orde."
)
PER_QUESTION = "Per vraag, x van y: x gemeenten hebben de vraag op orde, van de y gemeenten die haar beantwoordden."
ALL = (MEAN_SHARE, WHOLE_STANDARD, PER_QUESTION)
